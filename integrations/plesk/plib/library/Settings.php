<?php
/**
 * The extension's settings (pm_Settings: stored by Plesk, readable by the extension only):
 * the panelcare server's address, the tenant, its key id and secret, the token lifetime.
 */
class Modules_Panelcare_Settings
{
    const FIELDS = array('server', 'tenant', 'kid', 'secret', 'lifetime');

    /** All settings, or null while any of server, tenant, kid and secret is missing. */
    public static function complete()
    {
        $s = array();
        foreach (self::FIELDS as $f) {
            $s[$f] = (string) pm_Settings::get($f, '');
        }
        foreach (array('server', 'tenant', 'kid', 'secret') as $required) {
            if ($s[$required] === '') {
                return null;
            }
        }
        return $s;
    }

    /** A token for the signed-in customer, or null for admins, resellers and the signed out. */
    public static function tokenForSession()
    {
        $s = self::complete();
        if ($s === null || !pm_Session::isExist()) {
            return null;
        }
        $client = pm_Session::getClient();
        if (!$client->isClient()) {
            return null;
        }
        require_once __DIR__ . '/PanelcareToken.php';
        $lifetime = $s['lifetime'] === '' ? 600 : (int) $s['lifetime'];
        $who = array(
            'account' => $client->getLogin(),
            'name' => (string) $client->getProperty('pname'),
            'email' => (string) $client->getProperty('email'),
            'locale' => (string) $client->getProperty('locale'),
        );
        return array(
            'token' => PanelcareToken::sign($s['tenant'], $s['kid'], $s['secret'], $who, $lifetime),
            'expires_in' => max(60, min(900, $lifetime)),
        );
    }
}
