<?php
/**
 * panelcare for WHMCS: the addon's settings (server, tenant, key, ticket bridge, plans), the
 * client-area token endpoint the WHMCS adapter refreshes its identity from
 * (index.php?m=panelcare&action=token), and the upgrade page offers link to
 * (index.php?m=panelcare&action=upgrade). The widgets and the bridge's ticket hooks come in
 * through hooks.php; panelcare delivers bridged tickets to bridge.php.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/PanelcareToken.php';
require_once __DIR__ . '/lib/Usage.php';
require_once __DIR__ . '/lib/Bridge.php';
require_once __DIR__ . '/lib/Upgrade.php';

function panelcare_config()
{
    return array(
        'name' => 'panelcare',
        'description' => 'Support tickets, feedback, notices and upgrade offers in the client area.',
        'version' => '0.2.0',
        'author' => 'panelcare',
        'fields' => array(
            'server' => array('FriendlyName' => 'panelcare server', 'Type' => 'text', 'Size' => '60',
                'Description' => 'https://care.example.com'),
            'tenant' => array('FriendlyName' => 'Tenant id', 'Type' => 'text', 'Size' => '30'),
            'kid' => array('FriendlyName' => 'Key id', 'Type' => 'text', 'Size' => '20', 'Default' => 'k1'),
            'secret' => array('FriendlyName' => 'Signing secret', 'Type' => 'password', 'Size' => '60',
                'Description' => 'Printed by panelcare-server tenant create / add-key. Never sent to browsers.'),
            'lifetime' => array('FriendlyName' => 'Token lifetime (s)', 'Type' => 'text', 'Size' => '5', 'Default' => '600'),
            'bridge' => array('FriendlyName' => 'Ticket bridge', 'Type' => 'yesno',
                'Description' => 'Widget tickets become WHMCS tickets; answers written here go back to the widget.'),
            'dept_technical' => array('FriendlyName' => 'Department for technical tickets', 'Type' => 'text', 'Size' => '5',
                'Description' => 'WHMCS support department id; also used when the two below are empty.'),
            'dept_billing' => array('FriendlyName' => 'Department for billing tickets', 'Type' => 'text', 'Size' => '5'),
            'dept_sales' => array('FriendlyName' => 'Department for sales tickets', 'Type' => 'text', 'Size' => '5'),
            'bridge_admin' => array('FriendlyName' => 'Post console answers as', 'Type' => 'text', 'Size' => '20',
                'Description' => 'WHMCS admin username that answers written in the panelcare console appear under.'),
            'plans' => array('FriendlyName' => 'Offer plans', 'Type' => 'textarea', 'Rows' => '4', 'Cols' => '50',
                'Description' => 'One per line: <code>plan:pro = 5</code> (WHMCS product id; optional billing cycle after it).'),
        ),
    );
}

function panelcare_activate()
{
    PanelcareStore::fromWhmcs()->install();
    return array('status' => 'success', 'description' => 'panelcare is active. Fill in the settings, then allow this site\'s origin in the panelcare console.');
}

/** WHMCS calls this when a newer version's files are in place. */
function panelcare_upgrade($vars)
{
    PanelcareStore::fromWhmcs()->install();
}

function panelcare_deactivate()
{
    return array('status' => 'success', 'description' => 'panelcare is off; its settings are kept.');
}

/** The addon's settings, or null when they are incomplete. */
function panelcare_settings()
{
    $rows = \WHMCS\Database\Capsule::table('tbladdonmodules')->where('module', 'panelcare')->pluck('value', 'setting');
    $s = array();
    foreach ($rows as $k => $v) {
        $s[$k] = $v;
    }
    foreach (array('server', 'tenant', 'kid', 'secret') as $required) {
        if (empty($s[$required])) {
            return null;
        }
    }
    return $s;
}

/** The ticket bridge, or null when the addon is not set up. */
function panelcare_bridge()
{
    $s = panelcare_settings();
    return $s === null ? null : new PanelcareBridge($s, PanelcareStore::fromWhmcs(), 'localAPI', 'logActivity');
}

/** Upgrades from offers, or null when the addon is not set up. */
function panelcare_upgrades()
{
    $s = panelcare_settings();
    return $s === null ? null : new PanelcareUpgrade($s, PanelcareStore::fromWhmcs(), 'localAPI', 'logActivity');
}

/** A token for the signed-in client, or null when nobody is signed in. */
function panelcare_token_for_client($clientId)
{
    $s = panelcare_settings();
    if ($s === null || !$clientId) {
        return null;
    }
    $client = localAPI('GetClientsDetails', array('clientid' => $clientId, 'stats' => false));
    if (!is_array($client) || $client['result'] !== 'success') {
        return null;
    }
    $lifetime = isset($s['lifetime']) ? (int) $s['lifetime'] : 600;
    $who = array(
        'account' => 'client-' . $clientId,
        'name' => trim($client['firstname'] . ' ' . $client['lastname']),
        'email' => $client['email'],
        'locale' => isset($client['language']) ? $client['language'] : '',
    );
    return array(
        'token' => PanelcareToken::sign($s['tenant'], $s['kid'], $s['secret'], $who, $lifetime),
        'expires_in' => max(60, min(900, $lifetime)),
    );
}

/**
 * index.php?m=panelcare&action=token: JSON for the adapter.
 * index.php?m=panelcare&action=upgrade: the upgrade an offer led to (a page).
 */
function panelcare_clientarea($vars)
{
    $clientId = isset($_SESSION['uid']) ? (int) $_SESSION['uid'] : 0;
    $action = isset($_GET['action']) ? $_GET['action'] : '';
    if ($action === 'upgrade') {
        return panelcare_upgrade_page($clientId);
    }
    $answer = $action === 'token' ? panelcare_token_for_client($clientId) : null;
    header('Content-Type: application/json');
    header('Cache-Control: no-store');
    if ($answer === null) {
        http_response_code($clientId ? 503 : 401);
        echo json_encode(array('error' => $clientId ? 'panelcare is not set up' : 'sign in first'));
    } else {
        echo json_encode($answer);
    }
    exit;
}

/** The upgrade page: the price on GET, the order on POST (then on to the invoice). */
function panelcare_upgrade_page($clientId)
{
    $page = array(
        'pagetitle' => 'Upgrade',
        'breadcrumb' => array('index.php?m=panelcare&action=upgrade' => 'Upgrade'),
        'templatefile' => 'upgrade',
        'requirelogin' => true,
        'vars' => array('error' => null),
    );
    $upgrades = panelcare_upgrades();
    if (!$clientId || $upgrades === null) {
        $page['vars']['error'] = 'Upgrades cannot be ordered here right now.';
        return $page;
    }
    $from = $_SERVER['REQUEST_METHOD'] === 'POST' ? $_POST : $_GET;
    $item = isset($from['item']) ? (string) $from['item'] : '';
    $service = isset($from['service']) ? (int) $from['service'] : 0;
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        check_token('WHMCS.default');
        list($invoice, $why) = $upgrades->order($clientId, $service, $item);
        if ($why === null) {
            header('Location: ' . ($invoice > 0 ? 'viewinvoice.php?id=' . $invoice : 'clientarea.php?action=productdetails&id=' . $service));
            exit;
        }
        $page['vars']['error'] = $why;
        return $page;
    }
    $preview = $upgrades->preview($clientId, $service, $item);
    $page['vars'] = isset($preview['error']) ? array('error' => $preview['error']) : $preview + array('error' => null);
    return $page;
}
