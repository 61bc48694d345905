"""Reading report files: bounded reads, the YAML reader, the workbook reader, keyboard-mistake repair."""
