{* The upgrade an offer led to: WHMCS's own price for it, and one button to order it. *}
<div class="panelcare-upgrade">
{if $error}
    <div class="alert alert-warning" role="alert">{$error|escape}</div>
    <p><a href="clientarea.php?action=services" class="btn btn-default">Back to your services</a></p>
{else}
    <h2>Upgrade {$domain|escape}</h2>
    <p>From <strong>{$from|escape}</strong> to <strong>{$to|escape}</strong>, billed {$cycle|escape}.</p>
    <dl class="panelcare-upgrade-price">
        <dt>Due today</dt>
        <dd>{$price|escape} {$currency|escape}</dd>
    </dl>
    {if $days !== null}
        <p class="text-muted">The price covers the {$days|escape} days until your next due date; after that the new plan's price applies.</p>
    {/if}
    <form method="post" action="index.php?m=panelcare&amp;action=upgrade">
        <input type="hidden" name="token" value="{$token}">
        <input type="hidden" name="item" value="{$item|escape}">
        <input type="hidden" name="service" value="{$serviceid|escape}">
        <button type="submit" class="btn btn-primary">Order the upgrade</button>
        <a href="clientarea.php?action=productdetails&amp;id={$serviceid|escape}" class="btn btn-default">Not now</a>
    </form>
{/if}
</div>
