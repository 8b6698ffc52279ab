# The test project's modules are Django code, imported by Django (tests/test_wagtail.py),
# not test modules: keep --doctest-modules from importing them before the apps are ready.
collect_ignore_glob = ["*.py", "*/*.py", "*/*/*.py"]
