<?php
/**
 * panelcare in the WHMCS client area: a Support panel on the client home page, and, at the
 * foot of every client-area page, the loader with a freshly signed token and the client's
 * usage as data (a JSON script element: nothing in it runs, so the page's policy holds).
 *
 * The ticket bridge's way back: replies and status changes made in WHMCS on a mirrored
 * ticket go to panelcare as they happen, and the cron job sends whatever a hook could not.
 * Paid upgrades from offers are reported the same way.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/panelcare.php';

add_hook('ClientAreaHomepagePanels', 1, function ($panels) {
    if (panelcare_settings() === null) {
        return;
    }
    $panels->addChild('panelcare', array(
        'label' => 'Support',
        'icon' => 'fa-life-ring',
        'order' => 5,
        // The ticket widget and the feedback panel get boxes of known height (they scroll
        // inside), the offer comes last: nothing in the client area moves as they arrive.
        'bodyHtml' => '<div data-panelcare="notices"></div>'
            . '<div data-panelcare="tickets" style="height:460px"></div>'
            . '<div data-panelcare="feedback" style="height:460px"></div>'
            . '<div data-panelcare="offers"></div>',
    ));
});

add_hook('ClientAreaFooterOutput', 1, function ($vars) {
    $clientId = isset($_SESSION['uid']) ? (int) $_SESSION['uid'] : 0;
    $s = panelcare_settings();
    $token = panelcare_token_for_client($clientId);
    if ($s === null || $token === null) {
        return '';
    }
    list($usage, $why) = PanelcareUsage::fromProducts(
        localAPI('GetClientsProducts', array('clientid' => $clientId, 'stats' => true))
    );
    if ($why !== null) {
        logActivity('panelcare: no usage for client ' . $clientId . ': ' . $why);
    }
    $config = array(
        'token' => $token['token'],
        'expires_in' => $token['expires_in'],
        'token_url' => 'index.php?m=panelcare&action=token',
        'usage' => $usage === null ? new stdClass() : $usage,
    );
    $flags = JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES;
    $server = htmlspecialchars(rtrim($s['server'], '/'), ENT_QUOTES);
    return '<script type="application/json" id="panelcare-whmcs">' . json_encode($config, $flags) . '</script>'
        . '<script src="' . $server . '/panelcare.js" data-host="whmcs" async></script>';
});

/**
 * Runs one bridge or upgrade step from a WHMCS hook: a problem is logged for the admin and
 * never breaks the page or the cron run the hook fired in.
 */
function panelcare_hook_step($what, $step)
{
    try {
        $step();
    } catch (\Throwable $e) {
        logActivity('panelcare: ' . $what . ' failed: ' . $e->getMessage());
    }
}

/** A reply written in WHMCS, by staff ($admin: their name) or by the client ($admin: ''). */
function panelcare_reply_hook(array $vars, $admin)
{
    panelcare_hook_step('a reply', function () use ($vars, $admin) {
        $bridge = panelcare_bridge();
        if ($bridge !== null) {
            $bridge->pushReply($vars['ticketid'], $vars['replyid'], $vars['message'], $admin);
        }
    });
}

add_hook('TicketAdminReply', 1, function ($vars) {
    panelcare_reply_hook($vars, trim((string) $vars['admin']) ?: 'Support');
});

add_hook('TicketUserReply', 1, function ($vars) {
    panelcare_reply_hook($vars, '');
});

add_hook('TicketStatusChange', 1, function ($vars) {
    panelcare_hook_step('a status change', function () use ($vars) {
        $bridge = panelcare_bridge();
        if ($bridge !== null) {
            $bridge->pushStatus($vars['ticketid'], $vars['status']);
        }
    });
});

add_hook('TicketClose', 1, function ($vars) {
    panelcare_hook_step('closing a ticket', function () use ($vars) {
        $bridge = panelcare_bridge();
        if ($bridge !== null) {
            $bridge->pushStatus($vars['ticketid'], 'Closed');
        }
    });
});

add_hook('InvoicePaid', 1, function ($vars) {
    panelcare_hook_step('reporting a paid upgrade', function () use ($vars) {
        $upgrades = panelcare_upgrades();
        if ($upgrades !== null) {
            $upgrades->report((int) $vars['invoiceid']);
        }
    });
});

add_hook('AfterCronJob', 1, function ($vars) {
    panelcare_hook_step('the cron run', function () {
        // A version whose tables are not made yet (WHMCS runs the upgrade on the addon's
        // next use) gets them here.
        PanelcareStore::fromWhmcs()->install();
        $bridge = panelcare_bridge();
        if ($bridge !== null) {
            $bridge->reconcile();
        }
        $upgrades = panelcare_upgrades();
        if ($upgrades !== null) {
            $upgrades->report(null);
        }
    });
});
