<?php
/**
 * What the addon's WHMCS-side services (the ticket bridge, upgrades from offers) share: the
 * addon's settings, its tables, WHMCS's local API and its activity log, passed in so the
 * tests can run them on a stand-in.
 */

require_once __DIR__ . '/HostCall.php';
require_once __DIR__ . '/Store.php';

abstract class PanelcareService
{
    protected $s;
    protected $store;
    private $api;
    private $log;

    /**
     * @param array    $settings the addon's settings
     * @param callable $api      localAPI
     * @param callable $log      logActivity
     */
    public function __construct(array $settings, PanelcareStore $store, $api, $log)
    {
        $this->s = $settings;
        $this->store = $store;
        $this->api = $api;
        $this->log = $log;
    }

    /** A local API command's answer; an error answer when WHMCS gave none. */
    protected function call($command, array $params)
    {
        $r = call_user_func($this->api, $command, $params);
        return is_array($r) ? $r : array('result' => 'error', 'message' => 'no answer');
    }

    /** A line in WHMCS's activity log, for the admin. */
    protected function note($text)
    {
        call_user_func($this->log, $text);
    }
}
