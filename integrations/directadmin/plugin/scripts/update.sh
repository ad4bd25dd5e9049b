#!/bin/bash
# Run by DirectAdmin's plugin manager after an update: the same as a first install, which
# keeps panelcare.conf.
exec bash "$(dirname "$0")/install.sh"
