// Spool module.
