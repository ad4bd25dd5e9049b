<?php
/**
 * Upgrades ordered from a panelcare offer: the offer's link opens
 * index.php?m=panelcare&action=upgrade&item=plan:pro&service={service.id}, which shows
 * WHMCS's own price for the change (UpgradeProduct with calconly: pro rata to the next due
 * date) before the client confirms. Confirming places the upgrade order; once its invoice is
 * paid (or at once when nothing is due), the purchase is reported to panelcare as a
 * conversion, signed like every host call, and counted there once per order.
 */

require_once __DIR__ . '/Service.php';

final class PanelcareUpgrade extends PanelcareService
{
    /**
     * The `plans` setting, one item per line: `plan:pro = 5` (WHMCS product id 5, the
     * service's own billing cycle) or `plan:pro = 5 annually`.
     *
     * @return array item => array(product id, cycle or null)
     */
    public static function plans($text)
    {
        $out = array();
        foreach (preg_split('/\r?\n/', (string) $text) as $line) {
            if (preg_match('/^\s*([a-z]+:[A-Za-z0-9_.-]+)\s*=\s*([1-9][0-9]*)(?:\s+([a-z]+))?\s*$/', $line, $m)) {
                $out[$m[1]] = array((int) $m[2], isset($m[3]) && $m[3] !== '' ? $m[3] : null);
            }
        }
        return $out;
    }

    /**
     * What changing $serviceId of $clientId to $item means, or why it cannot be offered.
     *
     * @return array{0: array|null, 1: string|null} the change, or the reason
     */
    private function change($clientId, $serviceId, $item)
    {
        $plans = self::plans(isset($this->s['plans']) ? $this->s['plans'] : '');
        if (!isset($plans[$item])) {
            return array(null, 'This upgrade cannot be ordered online. Please open a ticket and we will help.');
        }
        $products = $this->call('GetClientsProducts', array('clientid' => (int) $clientId, 'serviceid' => (int) $serviceId));
        $list = isset($products['products']['product']) && is_array($products['products']['product']) ? $products['products']['product'] : array();
        $service = null;
        foreach ($list as $p) {
            if (is_array($p) && (int) $p['id'] === (int) $serviceId && (int) $p['clientid'] === (int) $clientId) {
                $service = $p;
            }
        }
        if ($service === null || $service['status'] !== 'Active') {
            return array(null, 'This service is not one of your active services.');
        }
        list($pid, $cycle) = $plans[$item];
        if ((int) $service['pid'] === $pid) {
            return array(null, 'This service is on that plan already.');
        }
        $cycle = $cycle !== null ? $cycle : strtolower(str_replace('-', '', (string) $service['billingcycle']));
        return array(array(
            'service' => $service,
            'params' => array(
                'serviceid' => (int) $serviceId,
                'type' => 'product',
                'newproductid' => $pid,
                'newproductbillingcycle' => $cycle,
                'paymentmethod' => (string) $service['paymentmethod'],
            ),
        ), null);
    }

    /** The page's figures: WHMCS's price for the change, or the reason there is none. */
    public function preview($clientId, $serviceId, $item)
    {
        list($change, $why) = $this->change($clientId, $serviceId, $item);
        if ($change === null) {
            return array('error' => $why);
        }
        $q = $this->call('UpgradeProduct', $change['params'] + array('calconly' => true));
        if (!isset($q['result']) || $q['result'] !== 'success') {
            $this->note('panelcare upgrade preview for service ' . $serviceId . ': '
                . (isset($q['message']) ? $q['message'] : 'unknown error'));
            return array('error' => 'The price of this upgrade cannot be worked out right now. Please try again later.');
        }
        if (!empty($q['upgradeinprogress'])) {
            return array('error' => 'An upgrade of this service is waiting for payment already.');
        }
        $client = $this->call('GetClientsDetails', array('clientid' => (int) $clientId, 'stats' => false));
        return array(
            'item' => $item,
            'serviceid' => (int) $serviceId,
            'domain' => (string) $change['service']['domain'],
            'from' => (string) (isset($q['oldproductname']) ? $q['oldproductname'] : $change['service']['name']),
            'to' => (string) (isset($q['newproductname']) ? $q['newproductname'] : $item),
            'price' => isset($q['price']) ? (string) $q['price'] : '',
            'currency' => isset($client['currency_code']) ? (string) $client['currency_code'] : '',
            'days' => isset($q['daysuntilrenewal']) ? (int) $q['daysuntilrenewal'] : null,
            'cycle' => $change['params']['newproductbillingcycle'],
        );
    }

    /**
     * Places the upgrade order.
     *
     * @return array{0: int|null, 1: string|null} the invoice to pay (0: nothing due), or why not
     */
    public function order($clientId, $serviceId, $item)
    {
        list($change, $why) = $this->change($clientId, $serviceId, $item);
        if ($change === null) {
            return array(null, $why);
        }
        // A second press (or a resubmitted form) must not order the same upgrade twice.
        $q = $this->call('UpgradeProduct', $change['params'] + array('calconly' => true));
        if (!empty($q['upgradeinprogress'])) {
            return array(null, 'An upgrade of this service is waiting for payment already.');
        }
        $r = $this->call('UpgradeProduct', $change['params']);
        if (!isset($r['result']) || $r['result'] !== 'success' || empty($r['orderid'])) {
            $this->note('panelcare upgrade order for service ' . $serviceId . ': '
                . (isset($r['message']) ? $r['message'] : 'no order id'));
            return array(null, 'The upgrade could not be ordered. Please try again or open a ticket.');
        }
        $invoice = isset($r['invoiceid']) ? (int) $r['invoiceid'] : 0;
        $this->store->recordUpgrade($r['orderid'], $invoice, 'client-' . (int) $clientId, $item);
        if ($invoice === 0) {
            $this->report(null);
        }
        return array($invoice, null);
    }

    /**
     * Reports paid upgrades to panelcare: those of invoice $invoiceId (the InvoicePaid hook),
     * or (null) every one still unreported whose invoice is paid or that had none (the cron
     * job, for any the hook could not report).
     */
    public function report($invoiceId)
    {
        $reported = 0;
        foreach ($this->store->unreportedUpgrades($invoiceId) as $u) {
            if ($invoiceId === null && (int) $u['invoice_id'] > 0) {
                $inv = $this->call('GetInvoice', array('invoiceid' => (int) $u['invoice_id']));
                if (!isset($inv['status']) || $inv['status'] !== 'Paid') {
                    continue;
                }
            }
            list($status, $answer) = PanelcareHostCall::post($this->s, '/api/v1/offers/conversions', array(
                'account' => $u['account'],
                'target' => $u['item'],
                'order_id' => 'whmcs-order-' . $u['order_id'],
            ));
            if ($status === 200 || $status === 201 || $status === 422) {
                // 422: panelcare does not know the item (any more); retrying would not help.
                $this->store->upgradeReported($u['order_id']);
                $reported++;
            } else {
                $this->note('panelcare: order ' . $u['order_id'] . ' not reported (HTTP ' . $status . ')'
                    . (isset($answer['message']) ? ': ' . $answer['message'] : '') . '; the cron job tries again');
            }
        }
        return $reported;
    }
}
