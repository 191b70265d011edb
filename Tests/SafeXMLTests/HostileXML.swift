/// Documents an attacker, or a broken exporter, could drop into the spool.
enum HostileXML {
    static let doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE r>\n<r/>"

    static let externalEntity = """
    <?xml version="1.0"?>
    <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
    <x>&e;</x>
    """

    static let externalParameterEntity = """
    <?xml version="1.0"?>
    <!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>
    <x/>
    """

    static let billionLaughs = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <lolz>&lol9;</lolz>
    """

    static let undeclaredEntity = "<r>\n<a>&e;</a>\n</r>"

    static func nested(_ depth: Int) -> String {
        String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    }

    /// `<r><a>…` cut in the middle of the third record.
    static let truncated = "<r>\n<a>1</a>\n<a>2</a>\n<a>3"

    static let mismatchedTag = "<r>\n<a>1</b>\n</r>"
}
