"""The check engine: reports in, findings and one summary per report out."""
