// CSVInput module.
