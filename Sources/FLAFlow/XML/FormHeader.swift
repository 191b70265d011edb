import BatchFormat
import Foundation
import Identifiers

/// What opens every FI: the flow, when the form was made, and who declares it.
public struct FormHeader: Hashable, Sendable {
    /// The flow code, also in the file name: the platform rejects a form whose type differs (code 158).
    public var flowCode: FlowCode
    public var creationDate: CalendarDate
    public var creationTime: FormCreationTime
    public var senderNumber: SenderNumber
    public var quality: ChannelQuality
    /// The enterprise that owns the channel (the employer, the mandatary, the training provider).
    public var declarant: BCE

    public init(flowCode: FlowCode, creationDate: CalendarDate, creationTime: FormCreationTime,
                senderNumber: SenderNumber, quality: ChannelQuality, declarant: BCE) {
        self.flowCode = flowCode
        self.creationDate = creationDate
        self.creationTime = creationTime
        self.senderNumber = senderNumber
        self.quality = quality
        self.declarant = declarant
    }

    /// Date and hour taken from one instant on the Belgian clock, as the platform reads them.
    public init(flowCode: FlowCode, createdAt instant: Date, senderNumber: SenderNumber, quality: ChannelQuality,
                declarant: BCE, zone: TimeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: instant)
        let date = CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(year: 1970, month: 1, day: 1)!
        let time = FormCreationTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
                                    millisecond: min(999, (parts.nanosecond ?? 0) / 1_000_000))
            ?? FormCreationTime(hour: 0, minute: 0, second: 0, millisecond: 0)!
        self.init(flowCode: flowCode, creationDate: date, creationTime: time, senderNumber: senderNumber,
                  quality: quality, declarant: declarant)
    }
}
