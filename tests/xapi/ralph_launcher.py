"""`ralph runserver ...` with Ralph 5.1.0's file-system backend mended (see ``lrs_server.py``); run with
Ralph's own interpreter, never imported by the tests.

The server's worker is a fresh process that imports this file again (as ``__mp_main__``), so the
mending at the top applies there too; only the command line is guarded.
"""

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

# Every write after the first appended to the statements file (5.1.0 creates it, then fails).
FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def _text(value):
    while hasattr(value, "root"):  # an IRI model, possibly nested
        value = value.root
    return value


def _by_text(filter_adder):
    def add(filters, value, *rest):
        return filter_adder(filters, _text(value), *rest)

    return staticmethod(add)


# The verb and activity filters compare the IRIs' text (5.1.0 compares a model with a string).
FSLRSBackend._add_filter_by_verb = _by_text(FSLRSBackend._add_filter_by_verb)
FSLRSBackend._add_filter_by_activity = _by_text(FSLRSBackend._add_filter_by_activity)

if __name__ == "__main__":
    from ralph.cli import cli

    sys.exit(cli())
