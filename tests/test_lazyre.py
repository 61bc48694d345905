"""lazyre: a pattern is compiled on its first use, and from then on the module global is the compiled pattern."""

from __future__ import annotations

import re
import types

from ipmeasures.lazyre import lazy


def test_a_lazy_pattern_matches_as_compiled_and_then_is_the_compiled_pattern():
    module = types.ModuleType("m")
    module.PATTERN = lazy(vars(module), "PATTERN", r"a(b+)", re.IGNORECASE)
    assert not isinstance(module.PATTERN, re.Pattern)
    assert module.PATTERN.match("ABB").group(1) == "BB"
    assert module.PATTERN is re.compile(r"a(b+)", re.IGNORECASE)


def test_importing_keyboard_compiles_none_of_its_patterns():
    """`ipm check` imports the keyboard module for most reports and uses one of its patterns; a fresh
    interpreter shows the others stay uncompiled until used."""
    import subprocess
    import sys

    script = ("import re\nfrom ipmeasures.sources import keyboard as k\n"
              "names = [n for n, v in vars(k).items() if type(v).__name__ == '_Pattern']\n"
              "assert len(names) >= 10, names\n"
              "assert not [n for n, v in vars(k).items() if isinstance(v, re.Pattern)]\n"
              "assert k.pitfalls('a: 1\\nb: [x，y]\\n')\n"
              "assert isinstance(k._FLOW_VALUE, re.Pattern) and type(k._MISREAD).__name__ == '_Pattern'\n")
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
