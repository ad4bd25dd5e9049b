<?php
/**
 * The usage snapshot of the panelcare host shim contract for a Plesk customer, from the XML
 * API's webspace `get` with the gen_info, stat and limits datasets: the customer's
 * subscription with the most disk in use. Plesk reports bytes for disk (gen_info/real_size)
 * and traffic (stat/traffic, this month), counts for mailboxes and databases, and -1 for a
 * limit that is unlimited.
 */
class Modules_Panelcare_Usage
{
    /** The request for every subscription customer $clientId owns. */
    public static function request($clientId)
    {
        return '<packet><webspace><get><filter><owner-id>' . (int) $clientId . '</owner-id></filter>'
            . '<dataset><gen_info/><stat/><limits/></dataset></get></webspace></packet>';
    }

    /** The snapshot for the signed-in customer: array(snapshot or null, why or null). */
    public static function forSession()
    {
        if (!pm_Session::isExist() || !pm_Session::getClient()->isClient()) {
            return array(null, 'not a customer session');
        }
        try {
            $reply = pm_ApiRpc::getService()->call(self::request(pm_Session::getClient()->getId()));
        } catch (Exception $e) {
            return array(null, 'Plesk XML API: ' . $e->getMessage());
        }
        return self::fromReply($reply);
    }

    private static function count($node, &$problems, $what)
    {
        if ($node === null || (string) $node === '') {
            return null;
        }
        $v = trim((string) $node);
        if (!preg_match('/^-?[0-9]+$/', $v)) {
            $problems[] = $what . ': not a number';
            return null;
        }
        return (float) $v;
    }

    /**
     * @param SimpleXMLElement|string $reply the answer packet (or its text)
     * @return array{0: array|null, 1: string|null} the snapshot, or why there is none
     */
    public static function fromReply($reply)
    {
        if (is_string($reply)) {
            $previous = libxml_use_internal_errors(true);
            $reply = simplexml_load_string($reply);
            libxml_use_internal_errors($previous);
        }
        if (!$reply instanceof SimpleXMLElement) {
            return array(null, 'Plesk XML API: not an answer');
        }
        // A packet Plesk could not take at all answers with a system error instead.
        if (isset($reply->system->status) && (string) $reply->system->status === 'error') {
            return array(null, 'Plesk XML API: ' . trim((string) $reply->system->errtext) . ' (' . trim((string) $reply->system->errcode) . ')');
        }
        $get = $reply->getName() === 'packet' ? $reply->webspace->get : $reply->get;
        if ($get === null || !isset($get->result)) {
            return array(null, 'this customer has no subscription');
        }
        $best = null;
        $why = 'this customer has no subscription';
        foreach ($get->result as $r) {
            if ((string) $r->status !== 'ok') {
                $why = 'Plesk XML API: ' . trim((string) $r->errtext) . ' (' . trim((string) $r->errcode) . ')';
                continue;
            }
            if ($best === null || (float) $r->data->gen_info->real_size > (float) $best->data->gen_info->real_size) {
                $best = $r;
            }
        }
        if ($best === null) {
            return array(null, $why);
        }
        $limits = array();
        foreach ($best->data->limits->limit as $l) {
            $limits[(string) $l->name] = $l->value;
        }
        $problems = array();
        $metric = function ($used, $limit, $what) use (&$problems, $limits) {
            $u = self::count($used, $problems, $what);
            if ($u === null) {
                return null;
            }
            $max = isset($limits[$limit]) ? self::count($limits[$limit], $problems, $what . ' limit') : null;
            return array('used' => $u, 'limit' => $max === null || $max < 0 ? null : $max);
        };
        $data = $best->data;
        $out = array('service_id' => trim((string) $best->id));
        foreach (array(
            'disk' => $metric($data->gen_info->real_size, 'disk_space', 'disk'),
            'bandwidth' => $metric($data->stat->traffic, 'max_traffic', 'traffic'),
            'mail_accounts' => $metric($data->stat->box, 'max_box', 'mailboxes'),
            'databases' => $metric($data->stat->db, 'max_db', 'databases'),
        ) as $k => $v) {
            if ($v !== null) {
                $out[$k] = $v;
            }
        }
        if ($problems) {
            return array(null, 'Plesk XML API: ' . implode('; ', $problems));
        }
        return array($out, null);
    }
}
