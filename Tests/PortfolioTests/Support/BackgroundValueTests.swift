import Dispatch
@testable import PortfolioSupport
import Testing

@Test func aBackgroundValueIsWorkedOutWhileTheCallerGoesOnAndReadAsOftenAsAsked() {
    let callerWentOn = DispatchSemaphore(value: 0)
    // Work done before the initializer returns would wait out the timeout and give false.
    let value = BackgroundValue { callerWentOn.wait(timeout: .now() + 5) == .success }
    callerWentOn.signal()
    #expect(value.value)
    #expect(value.value)
}
