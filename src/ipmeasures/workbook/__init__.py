"""Excel workbooks ipm writes: the report layout and template, the openpyxl helpers, YAML <-> workbook conversion."""
