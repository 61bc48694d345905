"""One module per `ipm` command; each defines `command`, a click.Command."""
