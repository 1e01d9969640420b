import Testing
@testable import RoadNetwork
