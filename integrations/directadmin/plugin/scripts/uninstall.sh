#!/bin/bash
# Run by DirectAdmin's plugin manager before it removes the plugin directory (settings
# included). Nothing lives outside it.
echo "panelcare: removed. Revoke its key in the panelcare console (Team and keys)."
