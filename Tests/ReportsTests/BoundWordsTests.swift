import Testing
@testable import Reports

/// The proven bound in devices is a figure like any other: grouped in both languages (it was
/// printed as "69698743 devices" beside "6,100,000.00 €").
@Suite struct BoundWordsTests {
    @Test func theBoundInDevicesIsGrouped() {
        #expect(Words(language: .en).devicesWord(69_698_743) == "69,698,743 devices")
        #expect(Words(language: .de).devicesWord(69_698_743) == "69.698.743 Geräte")
        #expect(Words(language: .en).devicesWord(1) == "1 device")
        #expect(Words(language: .de).devicesWord(0) == "0 Geräte")
        #expect(Words(language: .en).statusStopped(1_200).contains("at most 1,200 devices from the best possible plan"))
    }
}
