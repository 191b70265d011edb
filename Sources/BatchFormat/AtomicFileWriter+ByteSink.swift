import SafeXML

/// An XML writer can stream straight into a file that appears only when complete.
extension AtomicFileWriter: ByteSink {}
