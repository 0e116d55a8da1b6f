"""Run by the notebook kernel's IPython at start (the ``PYTHONSTARTUP`` file, see
``fastwasm_lite_site``); leaves no names in the notebook's namespace."""

import fastwasm_lite_site

fastwasm_lite_site.configure()
del fastwasm_lite_site
