<?php
/**
 * Signs one token from the environment and prints it: for checking a panel's set-up by
 * hand, and for the conformance test that runs every integration's signer against the
 * panelcare server. PANELCARE_TENANT, PANELCARE_KID, PANELCARE_SECRET, PANELCARE_ACCOUNT,
 * and optionally PANELCARE_NAME, _EMAIL, _PLAN, _LOCALE, _SUPPORT_TIER, _SERVER,
 * _LIFETIME, _NOW.
 */
require __DIR__ . '/PanelcareToken.php';

$env = function ($name) {
    $v = getenv('PANELCARE_' . $name);
    return $v === false ? null : $v;
};
$who = array('account' => $env('ACCOUNT'));
foreach (array('name', 'email', 'plan', 'locale', 'support_tier', 'server') as $field) {
    $who[$field] = $env(strtoupper($field));
}
try {
    echo PanelcareToken::sign(
        (string) $env('TENANT'),
        (string) $env('KID'),
        (string) $env('SECRET'),
        $who,
        $env('LIFETIME') === null ? 600 : (int) $env('LIFETIME'),
        $env('NOW') === null ? null : (int) $env('NOW')
    ), "\n";
} catch (InvalidArgumentException $e) {
    fwrite(STDERR, $e->getMessage() . "\n");
    exit(2);
}
