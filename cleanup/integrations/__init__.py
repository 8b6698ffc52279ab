"""Integrations with other systems (Ray Data, CMS plugins, …); each needs its optional extra."""
