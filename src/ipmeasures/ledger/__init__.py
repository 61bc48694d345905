"""The task ledger (任务落实台账): its model, its output formats, the HTML dashboard."""
