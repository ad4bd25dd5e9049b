<?php
/**
 * The extension's page: for the administrator, the settings; for a customer, the widgets.
 * `token` answers the Plesk adapter with a fresh token for the signed-in customer only;
 * `usage` with that customer's figures (the subscription with the most disk in use).
 */
class IndexController extends pm_Controller_Action
{
    public function indexAction()
    {
        $client = pm_Session::getClient();
        if (!$client->isAdmin()) {
            $this->view->pageTitle = 'Support & feedback';
            $this->view->configured = Modules_Panelcare_Settings::complete() !== null;
            return;
        }
        $this->view->pageTitle = 'panelcare settings';
        $form = new pm_Form_Simple();
        $form->addElement('text', 'server', array('label' => 'panelcare server (https://…)', 'required' => true,
            'value' => pm_Settings::get('server', ''), 'validators' => array(array('Regex', true, array('/^https:\/\/[A-Za-z0-9.:-]+\/?$/')))));
        $form->addElement('text', 'tenant', array('label' => 'Tenant id', 'required' => true, 'value' => pm_Settings::get('tenant', '')));
        $form->addElement('text', 'kid', array('label' => 'Key id', 'required' => true, 'value' => pm_Settings::get('kid', 'k1')));
        $form->addElement('password', 'secret', array('label' => 'Signing secret (kept if left empty)', 'required' => false));
        $form->addElement('text', 'lifetime', array('label' => 'Token lifetime, seconds (60–900)', 'value' => pm_Settings::get('lifetime', '600'),
            'validators' => array(array('Between', true, array('min' => 60, 'max' => 900)))));
        $form->addControlButtons(array('cancelLink' => pm_Context::getModulesListUrl()));
        if ($this->getRequest()->isPost() && $form->isValid($this->getRequest()->getPost())) {
            foreach (array('server', 'tenant', 'kid', 'lifetime') as $f) {
                pm_Settings::set($f, trim((string) $form->getValue($f)));
            }
            // The secret is write-only: an empty field keeps the stored one.
            if ((string) $form->getValue('secret') !== '') {
                pm_Settings::set('secret', (string) $form->getValue('secret'));
            }
            $this->_status->addMessage('info', 'Saved.');
            $this->_helper->json(array('redirect' => pm_Context::getBaseUrl()));
        }
        $this->view->form = $form;
    }

    public function tokenAction()
    {
        $answer = Modules_Panelcare_Settings::tokenForSession();
        $this->getResponse()->setHeader('Cache-Control', 'no-store', true);
        if ($answer === null) {
            $this->getResponse()->setHttpResponseCode(401);
            $this->_helper->json(array('error' => 'sign in as a customer first'));
            return;
        }
        $this->_helper->json($answer);
    }

    public function usageAction()
    {
        $this->getResponse()->setHeader('Cache-Control', 'no-store', true);
        if (Modules_Panelcare_Settings::complete() === null || !pm_Session::isExist() || !pm_Session::getClient()->isClient()) {
            $this->getResponse()->setHttpResponseCode(401);
            $this->_helper->json(array('error' => 'sign in as a customer first'));
            return;
        }
        list($usage, $why) = Modules_Panelcare_Usage::forSession();
        if ($usage === null) {
            // The page then shows no offer that needs figures; the reason is in Plesk's log.
            error_log('panelcare: no usage for ' . pm_Session::getClient()->getLogin() . ': ' . $why);
            $this->getResponse()->setHttpResponseCode(503);
            $this->_helper->json(array('error' => $why));
            return;
        }
        $this->_helper->json($usage);
    }
}
