<?php
/**
 * The ticket bridge's receiving address: panelcare POSTs signed ticket events here
 * (https://<WHMCS>/modules/addons/panelcare/bridge.php). It loads WHMCS the way payment
 * gateway callbacks do, so localAPI and the database are at hand; nothing here needs a
 * browser session, and nothing is done for a request that is not signed with the addon's key.
 */

require_once __DIR__ . '/../../../init.php';
require_once __DIR__ . '/panelcare.php';

header('Content-Type: application/json');
header('Cache-Control: no-store');

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    header('Allow: POST');
    echo json_encode(array('error' => 'method_not_allowed', 'message' => 'panelcare delivers with POST'));
    exit;
}

$bridge = panelcare_bridge();
if ($bridge === null) {
    http_response_code(503);
    echo json_encode(array('error' => 'not_set_up', 'message' => 'the panelcare addon is not configured'));
    exit;
}
$headers = array();
foreach ($_SERVER as $name => $value) {
    if (strpos($name, 'HTTP_') === 0) {
        $headers[strtolower(str_replace('_', '-', substr($name, 5)))] = $value;
    }
}
list($status, $answer) = $bridge->receive($headers, (string) file_get_contents('php://input'));
http_response_code($status);
echo json_encode($answer, JSON_UNESCAPED_SLASHES);
