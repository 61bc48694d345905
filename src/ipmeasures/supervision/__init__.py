"""Supervising delivery over time (督促检查, measure 十九): one period against the last, baselines for CI,
the ranking of units for 通报, waivers, the reporting calendar and lights.

One module per concern: `identity` (when two findings are the same), `results` (a check run or a saved
`--format json` result, read as findings and statuses), `diff`, `baseline`, `summary`, `waivers`.
Everything here reads what the check engine (`check.engine.check_stream`) produces; nothing here changes how
a report is checked.
"""
