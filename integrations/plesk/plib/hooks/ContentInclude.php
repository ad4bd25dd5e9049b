<?php
/**
 * The loader on every page a customer sees, with where to get tokens and usage as page data
 * (a JSON script element: nothing inline runs). Mount points on the extension's page, or any
 * page that has them, then draw the widgets through the Plesk adapter.
 */
class Modules_Panelcare_ContentInclude extends pm_Hook_ContentInclude
{
    public function getHeadContent()
    {
        $s = Modules_Panelcare_Settings::complete();
        if ($s === null || !pm_Session::isExist() || !pm_Session::getClient()->isClient()) {
            return '';
        }
        $data = array(
            'token_url' => pm_Context::getActionUrl('index', 'token'),
            'usage_url' => pm_Context::getActionUrl('index', 'usage'),
        );
        $flags = JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES;
        $server = htmlspecialchars(rtrim($s['server'], '/'), ENT_QUOTES);
        return '<script type="application/json" id="panelcare-plesk">' . json_encode($data, $flags) . '</script>'
            . '<script src="' . $server . '/panelcare.js" data-host="plesk" data-tenant="'
            . htmlspecialchars($s['tenant'], ENT_QUOTES) . '" async></script>';
    }
}
