"""The auditor language server: diagnostics, quick fixes and suppressions in any LSP editor."""
