// Conversion module.
