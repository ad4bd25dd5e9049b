<?php
// The extension's entry point: Plesk's own MVC runs the controllers in plib/controllers.
pm_Context::init('panelcare');
$application = new pm_Application();
$application->run();
