import Testing
@testable import DispatchCore
