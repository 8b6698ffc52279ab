"""Test-only filter plugin: flags every ``FIXME`` (a flag any test can trigger).

Registered through the ``cleanup.filters`` entry point of the dist-info next to it;
put this folder on ``sys.path``/``PYTHONPATH`` and enable it with ``enable=["fixme"]``."""

import re

from cleanup.filters import Filter


class FixmeFilter(Filter):
    name = "fixme"

    def apply(self, doc):
        for node, _ctx in list(doc.text_nodes()):
            for m in re.finditer(r"FIXME", node.value):
                doc.flag(node, m.start(), m.end(), self.name, reason="FIXME marker left in the text")
