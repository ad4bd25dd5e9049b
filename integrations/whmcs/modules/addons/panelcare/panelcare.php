<?php
/**
 * panelcare for WHMCS: the addon's settings (server, tenant, key), and the client-area
 * token endpoint the WHMCS adapter refreshes its identity from
 * (index.php?m=panelcare&action=token). The widgets come in through hooks.php.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/PanelcareToken.php';
require_once __DIR__ . '/lib/Usage.php';

function panelcare_config()
{
    return array(
        'name' => 'panelcare',
        'description' => 'Support tickets, feedback, notices and upgrade offers in the client area.',
        'version' => '0.1.0',
        'author' => 'panelcare',
        'fields' => array(
            'server' => array('FriendlyName' => 'panelcare server', 'Type' => 'text', 'Size' => '60',
                'Description' => 'https://care.example.com'),
            'tenant' => array('FriendlyName' => 'Tenant id', 'Type' => 'text', 'Size' => '30'),
            'kid' => array('FriendlyName' => 'Key id', 'Type' => 'text', 'Size' => '20', 'Default' => 'k1'),
            'secret' => array('FriendlyName' => 'Signing secret', 'Type' => 'password', 'Size' => '60',
                'Description' => 'Printed by panelcare-server tenant create / add-key. Never sent to browsers.'),
            'lifetime' => array('FriendlyName' => 'Token lifetime (s)', 'Type' => 'text', 'Size' => '5', 'Default' => '600'),
        ),
    );
}

function panelcare_activate()
{
    return array('status' => 'success', 'description' => 'panelcare is active. Fill in the settings, then allow this site\'s origin in the panelcare console.');
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

/** index.php?m=panelcare&action=token: JSON for the adapter; nothing else is served. */
function panelcare_clientarea($vars)
{
    $clientId = isset($_SESSION['uid']) ? (int) $_SESSION['uid'] : 0;
    $answer = isset($_GET['action']) && $_GET['action'] === 'token' ? panelcare_token_for_client($clientId) : null;
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
