<?php
/**
 * The ticket bridge on the WHMCS side. panelcare delivers what happens to a widget ticket
 * (bridge.php → receive()); this writes it into WHMCS with OpenTicket, AddTicketReply and
 * UpdateTicket. What staff (or the client) write in WHMCS goes back through the ticket hooks
 * (pushReply(), pushStatus()), and the cron job compares every mirrored ticket with GetTicket
 * so a reply a hook could not deliver (panelcare was down) still arrives, once.
 *
 * Internal notes never cross: panelcare does not send them, and WHMCS's notes are not
 * replies.
 */

require_once __DIR__ . '/Service.php';

final class PanelcareBridge extends PanelcareService
{
    /**
     * True while the addon itself writes into WHMCS: the ticket hooks that fire meanwhile
     * report our own writing, which must not go back to panelcare.
     */
    public static $applying = false;

    /** Largest file copied into a WHMCS ticket. */
    const MAX_FILE = 10485760;

    private static $priorities = array('low' => 'Low', 'normal' => 'Medium', 'high' => 'High', 'critical' => 'High');

    /** panelcare's status → WHMCS's. */
    private static $toWhmcs = array(
        'open' => 'Open',
        'awaiting_support' => 'Customer-Reply',
        'awaiting_customer' => 'Answered',
        'resolved' => 'Closed',
        'closed' => 'Closed',
    );

    /** WHMCS's status → panelcare's; On Hold stops the SLA clock like waiting for the client. */
    private static $fromWhmcs = array(
        'Open' => 'awaiting_support',
        'Customer-Reply' => 'awaiting_support',
        'In Progress' => 'awaiting_support',
        'Answered' => 'awaiting_customer',
        'On Hold' => 'awaiting_customer',
        'Closed' => 'closed',
    );

    public function enabled()
    {
        return isset($this->s['bridge']) && $this->s['bridge'] === 'on';
    }

    /** Runs a WHMCS command whose ticket hooks are our own echo. */
    private function apply($command, array $params)
    {
        self::$applying = true;
        try {
            return $this->call($command, $params);
        } finally {
            self::$applying = false;
        }
    }

    protected function note($text)
    {
        parent::note('panelcare bridge: ' . $text);
    }

    private static function failed(array $r)
    {
        return !isset($r['result']) || $r['result'] !== 'success';
    }

    private static function why(array $r)
    {
        return isset($r['message']) && is_string($r['message']) ? $r['message'] : 'unknown error';
    }

    // ---------------------------------------------------------------- panelcare → WHMCS

    /**
     * Answers one delivery from panelcare.
     *
     * @param array  $headers lower-case header names to values
     * @return array{0: int, 1: array} HTTP status and JSON answer
     */
    public function receive(array $headers, $body)
    {
        $why = PanelcareHostCall::refusal($this->s, $headers, $body);
        if ($why !== null) {
            return array(401, array('error' => 'invalid_signature', 'message' => $why));
        }
        $p = json_decode($body, true);
        if (!is_array($p) || !isset($p['event'], $p['delivery'], $p['ticket']['id']) || !is_array($p['ticket'])) {
            return array(400, array('error' => 'invalid_body', 'message' => 'not a panelcare bridge event'));
        }
        if (!isset($p['tenant']) || $p['tenant'] !== $this->s['tenant']) {
            return array(400, array('error' => 'wrong_tenant', 'message' => 'this WHMCS serves another tenant'));
        }
        if (!$this->enabled()) {
            return array(503, array('error' => 'bridge_off', 'message' => 'the ticket bridge is off in the addon settings'));
        }
        // panelcare retries when it missed our answer: the first application stands, and a
        // retry that arrives while the first is still being applied waits its turn.
        $earlier = $this->store->claimDelivery($p['delivery']);
        if ($earlier === false) {
            return array(409, array('error' => 'in_progress', 'message' => 'this delivery is being applied'));
        }
        if ($earlier !== null) {
            return array(200, $earlier);
        }
        try {
            list($status, $answer) = $this->applyEvent($p);
        } catch (Exception $e) {
            $this->store->releaseDelivery($p['delivery']);
            throw $e;
        }
        if ($status === 200) {
            $this->store->finishDelivery($p['delivery'], $answer);
        } else {
            $this->store->releaseDelivery($p['delivery']);
        }
        return array($status, $answer);
    }

    private function applyEvent(array $p)
    {
        switch ($p['event']) {
            case 'ticket.created':
                list($status, $answer) = $this->create($p);
                break;
            case 'ticket.customer_reply':
                list($status, $answer) = $this->reply($p, true);
                break;
            case 'ticket.agent_reply':
                list($status, $answer) = $this->reply($p, false);
                break;
            case 'ticket.status':
                list($status, $answer) = $this->status($p);
                break;
            default:
                // A newer server's event: taken, so it does not hold up the ticket's next ones.
                return array(200, array('ignored' => $p['event']));
        }
        return array($status, $answer);
    }

    /** The WHMCS client of a panelcare account named client-<id>, or 0. */
    private static function clientOf($account)
    {
        return preg_match('/^client-([1-9][0-9]*)$/', (string) $account, $m) ? (int) $m[1] : 0;
    }

    private function department($name)
    {
        foreach (array('dept_' . $name, 'dept_technical') as $key) {
            if (!empty($this->s[$key]) && ctype_digit((string) $this->s[$key])) {
                return (int) $this->s[$key];
            }
        }
        return 0;
    }

    /** The message's text and its files as WHMCS's `attachments` parameter wants them. */
    private function content(array $message)
    {
        $text = isset($message['body']) ? (string) $message['body'] : '';
        $files = array();
        $list = isset($message['attachments']) && is_array($message['attachments']) ? $message['attachments'] : array();
        foreach ($list as $a) {
            $name = isset($a['name']) ? (string) $a['name'] : 'file';
            $bytes = isset($a['url']) ? PanelcareHostCall::fetch((string) $a['url'], self::MAX_FILE) : null;
            if ($bytes === null) {
                $text .= "\n\n[" . $name . ' is attached in panelcare but could not be copied here.]';
                continue;
            }
            $files[] = array('name' => $name, 'data' => base64_encode($bytes));
        }
        $params = array('message' => $text, 'markdown' => true);
        if ($files) {
            $params['attachments'] = base64_encode(json_encode($files));
        }
        return $params;
    }

    /**
     * Opens the WHMCS ticket for panelcare ticket $p['ticket'], with $p['message'] as its
     * opening message, in the status panelcare has it in.
     */
    private function create(array $p)
    {
        $t = $p['ticket'];
        $mapped = $this->store->ticketByPanelcare($t['id']);
        if ($mapped !== null) {
            return array(200, array('external_ref' => '#' . $mapped['tid']));
        }
        $dept = $this->department(isset($t['department']) ? $t['department'] : 'technical');
        if ($dept === 0) {
            return array(503, array('error' => 'no_department', 'message' => 'choose a support department in the addon settings'));
        }
        $priority = isset($t['priority'], self::$priorities[$t['priority']]) ? self::$priorities[$t['priority']] : 'Medium';
        $params = array(
            'deptid' => $dept,
            'subject' => (string) $t['subject'],
            'priority' => $priority,
        ) + $this->content(isset($p['message']) && is_array($p['message']) ? $p['message'] : array());
        $client = self::clientOf(isset($t['account']) ? $t['account'] : '');
        if ($client > 0) {
            $params['clientid'] = $client;
        } else {
            // Not a WHMCS client account: a guest ticket under the customer's name and e-mail.
            $params['name'] = isset($t['name']) && $t['name'] !== '' ? $t['name'] : (string) $t['account'];
            $params['email'] = isset($t['email']) ? (string) $t['email'] : '';
        }
        $r = $this->apply('OpenTicket', $params);
        if (self::failed($r)) {
            $this->note('OpenTicket for #' . $t['number'] . ' failed: ' . self::why($r));
            return array(502, array('error' => 'whmcs_refused', 'message' => 'OpenTicket: ' . self::why($r)));
        }
        $this->store->mapTicket($t['id'], $r['id'], (string) $r['tid'], 'Open');
        // A ticket older than the bridge may be further along than a new one.
        $status = isset($t['status'], self::$toWhmcs[$t['status']]) ? self::$toWhmcs[$t['status']] : 'Open';
        if ($status !== 'Open' && !self::failed($this->apply('UpdateTicket', array('ticketid' => (int) $r['id'], 'status' => $status)))) {
            $this->store->agreeStatus($r['id'], $status);
        }
        return array(200, array('external_ref' => '#' . $r['tid']));
    }

    private function reply(array $p, $fromCustomer)
    {
        $mapped = $this->store->ticketByPanelcare($p['ticket']['id']);
        if ($mapped === null) {
            // Not in this WHMCS (the bridge pointed elsewhere before, or the ticket is older
            // than it): the ticket is opened here, and a customer's words open it.
            if ($fromCustomer) {
                return $this->create($p);
            }
            $opening = $p;
            $opening['message'] = array('body' => '[This ticket was opened in panelcare; its earlier messages are there.]');
            list($status, $answer) = $this->create($opening);
            if ($status !== 200) {
                return array($status, $answer);
            }
            $mapped = $this->store->ticketByPanelcare($p['ticket']['id']);
        }
        $params = array('ticketid' => (int) $mapped['whmcs_id'])
            + $this->content(isset($p['message']) && is_array($p['message']) ? $p['message'] : array());
        if ($fromCustomer) {
            $client = self::clientOf(isset($p['ticket']['account']) ? $p['ticket']['account'] : '');
            if ($client > 0) {
                $params['clientid'] = $client;
            } else {
                $params['name'] = (string) $p['ticket']['name'];
                $params['email'] = (string) $p['ticket']['email'];
            }
        } else {
            if (empty($this->s['bridge_admin'])) {
                return array(503, array('error' => 'no_admin', 'message' => 'name the admin console answers are posted as in the addon settings'));
            }
            $params['adminusername'] = $this->s['bridge_admin'];
            $author = isset($p['message']['author']) ? trim((string) $p['message']['author']) : '';
            if ($author !== '') {
                $params['message'] .= "\n\n— " . $author;
            }
        }
        // WHMCS's ticket follows panelcare's (a progress update leaves it where it was).
        $status = isset($p['ticket']['status'], self::$toWhmcs[$p['ticket']['status']]) ? self::$toWhmcs[$p['ticket']['status']] : null;
        if ($status !== null) {
            $params['status'] = $status;
        }
        // Remembered before writing: the cron job may read the ticket while WHMCS is still
        // sending the reply's e-mail, before any hook reports it.
        $this->store->rememberSent($mapped['whmcs_id'], $params['message']);
        $r = $this->apply('AddTicketReply', $params);
        if (self::failed($r)) {
            $this->store->takeSent($mapped['whmcs_id'], $params['message']);
            $this->note('AddTicketReply on ticket ' . $mapped['whmcs_id'] . ' failed: ' . self::why($r));
            return array(502, array('error' => 'whmcs_refused', 'message' => 'AddTicketReply: ' . self::why($r)));
        }
        if ($status !== null) {
            $this->store->agreeStatus($mapped['whmcs_id'], $status);
        }
        return array(200, array('ok' => true));
    }

    /** A reply the addon itself wrote, recorded so it never goes back to panelcare. */
    private function ownReply($whmcsTicketId, $replyId, $message)
    {
        if ((int) $replyId > 0 && $this->store->ticketByWhmcs($whmcsTicketId) !== null) {
            $this->store->takeSent($whmcsTicketId, $message);
            $this->store->recordReply($replyId, $whmcsTicketId, 'panelcare');
        }
    }

    private function status(array $p)
    {
        $mapped = $this->store->ticketByPanelcare($p['ticket']['id']);
        if ($mapped === null) {
            // Its next reply opens it here, in the status it has then.
            return array(200, array('ignored' => 'not in WHMCS'));
        }
        $status = isset($p['status'], self::$toWhmcs[$p['status']]) ? self::$toWhmcs[$p['status']] : null;
        if ($status === null) {
            return array(200, array('ignored' => 'status'));
        }
        $r = $this->apply('UpdateTicket', array('ticketid' => (int) $mapped['whmcs_id'], 'status' => $status));
        if (self::failed($r)) {
            return array(502, array('error' => 'whmcs_refused', 'message' => 'UpdateTicket: ' . self::why($r)));
        }
        $this->store->agreeStatus($mapped['whmcs_id'], $status);
        return array(200, array('ok' => true));
    }

    // ---------------------------------------------------------------- WHMCS → panelcare

    /** GetTicket's replies, oldest first, without the opening message (reply id 0). */
    private function replies(array $ticket)
    {
        $list = isset($ticket['replies']['reply']) && is_array($ticket['replies']['reply']) ? $ticket['replies']['reply'] : array();
        $out = array();
        foreach ($list as $r) {
            if (is_array($r) && isset($r['replyid']) && (int) $r['replyid'] > 0) {
                $out[] = $r;
            }
        }
        usort($out, function ($a, $b) {
            return (int) $a['replyid'] - (int) $b['replyid'];
        });
        return $out;
    }

    /**
     * Takes a reply written in WHMCS to panelcare, once. $admin is the staff member's name,
     * empty for the client.
     *
     * @return bool whether panelcare has it now (or the ticket is not bridged)
     */
    public function pushReply($whmcsTicketId, $replyId, $message, $admin)
    {
        if (self::$applying) {
            // The hook fired for the addon's own writing: that reply stays in WHMCS.
            $this->ownReply($whmcsTicketId, $replyId, $message);
            return true;
        }
        if (!$this->enabled()) {
            return true;
        }
        $mapped = $this->store->ticketByWhmcs($whmcsTicketId);
        if ($mapped === null || (int) $replyId <= 0 || $this->store->replyCrossed($replyId)) {
            return true;
        }
        if ($this->store->takeSent($whmcsTicketId, $message)) {
            // The addon wrote this one (its hook did not say so): it stays in WHMCS.
            $this->store->recordReply($replyId, $whmcsTicketId, 'panelcare');
            return true;
        }
        list($status, $answer) = PanelcareHostCall::post(
            $this->s,
            '/api/v1/bridge/tickets/' . rawurlencode($mapped['panelcare_id']) . '/replies',
            array(
                'external_id' => 'whmcs-reply-' . (int) $replyId,
                'from' => $admin === '' ? 'customer' : 'support',
                'author' => (string) $admin,
                'message' => (string) $message,
            )
        );
        if ($status === 200 || $status === 201) {
            $this->store->recordReply($replyId, $whmcsTicketId, 'whmcs');
            if (isset($answer['status']) && isset(self::$toWhmcs[$answer['status']])) {
                $this->store->agreeStatus($whmcsTicketId, self::$toWhmcs[$answer['status']]);
            }
            return true;
        }
        if ($status === 422) {
            // panelcare will never take this one (an empty reply, say): skipped, not retried.
            $this->store->recordReply($replyId, $whmcsTicketId, 'whmcs');
            $this->note('reply ' . $replyId . ' of ticket ' . $whmcsTicketId . ' refused by panelcare: '
                . (isset($answer['message']) ? $answer['message'] : 'invalid'));
            return true;
        }
        $this->note('reply ' . $replyId . ' of ticket ' . $whmcsTicketId . ' not taken to panelcare (HTTP ' . $status . ')'
            . (isset($answer['message']) ? ': ' . $answer['message'] : '') . '; the cron job tries again');
        return false;
    }

    /** Takes a status set in WHMCS to panelcare. */
    public function pushStatus($whmcsTicketId, $status)
    {
        if (self::$applying || !$this->enabled()) {
            return true;
        }
        $mapped = $this->store->ticketByWhmcs($whmcsTicketId);
        if ($mapped === null || $mapped['last_status'] === $status) {
            return true;
        }
        if (!isset(self::$fromWhmcs[$status])) {
            $this->note('status "' . $status . '" of ticket ' . $whmcsTicketId . ' has no panelcare equivalent; left as it was');
            return true;
        }
        list($code, $answer) = PanelcareHostCall::post(
            $this->s,
            '/api/v1/bridge/tickets/' . rawurlencode($mapped['panelcare_id']) . '/status',
            array('status' => self::$fromWhmcs[$status])
        );
        if ($code === 200) {
            $this->store->agreeStatus($whmcsTicketId, $status);
            return true;
        }
        $this->note('status of ticket ' . $whmcsTicketId . ' not taken to panelcare (HTTP ' . $code . ')'
            . (isset($answer['message']) ? ': ' . $answer['message'] : '') . '; the cron job tries again');
        return false;
    }

    /** Compares mirrored tickets with WHMCS and sends what the hooks missed. */
    public function reconcile($limit = 50)
    {
        if (!$this->enabled()) {
            return 0;
        }
        $sent = 0;
        foreach ($this->store->ticketsToCheck($limit) as $mapped) {
            $id = (int) $mapped['whmcs_id'];
            // Compared now whatever the outcome, so a ticket that keeps failing goes to the
            // back of the line instead of holding up the others.
            $this->store->checked($id);
            $t = $this->call('GetTicket', array('ticketid' => $id, 'repliessort' => 'ASC'));
            if (self::failed($t)) {
                $this->note('GetTicket ' . $id . ': ' . self::why($t));
                continue;
            }
            foreach ($this->replies($t) as $r) {
                if ($this->store->replyCrossed($r['replyid'])) {
                    continue;
                }
                $admin = isset($r['admin']) ? trim((string) $r['admin']) : '';
                if (!$this->pushReply($id, $r['replyid'], isset($r['message']) ? $r['message'] : '', $admin)) {
                    // Later replies wait, so panelcare gets them in order.
                    continue 2;
                }
                $sent++;
            }
            if (isset($t['status'])) {
                $this->pushStatus($id, (string) $t['status']);
            }
        }
        return $sent;
    }
}
