// SafeXML module.
