// ServiceSupport module.
