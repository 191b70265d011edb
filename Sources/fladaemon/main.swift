print("fladaemon")
