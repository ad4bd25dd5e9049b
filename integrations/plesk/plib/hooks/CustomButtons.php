<?php
/** "Support & feedback" on the customer's home page, leading to the extension's page. */
class Modules_Panelcare_CustomButtons extends pm_Hook_CustomButtons
{
    public function getButtons()
    {
        return array(array(
            'place' => self::PLACE_CUSTOMER_HOME,
            'title' => 'Support & feedback',
            'description' => 'Open a support ticket, follow it, and tell us what to improve.',
            'link' => pm_Context::getBaseUrl(),
        ));
    }
}
