import Foundation

/// A tiny hand-written OSM network, as XML and as the PBF that pyosmium 4.3.2 wrote from it
/// (`osmium.SimpleWriter`, DenseNodes, zlib), so both readers can be checked against each other.
///
/// Nodes 1–9 on a 3×3 grid near Birmingham (10 is a bench); ways: 100 primary 1–2–3 "Broad Street"
/// (30 mph), 101 residential one-way 5–2–4, 102 tertiary ring 6–4–7–3–8–5–9–1–6 (GB:nsl_single),
/// 103 footway, 104 private service, 105 unclassified 8–999–7 (999 missing), 106 reversible service.
/// Relations: 200 no_left_turn 100 → 2 → 101, 201 via a way, 202 for HGVs only, 203 a multipolygon.
enum OSMFixture {
    static let xml = """
<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="BlueLamp test fixture (hand-written)">
  <node id="1" lat="52.4800000" lon="-1.9000000"/>
  <node id="2" lat="52.4800000" lon="-1.8970000"/>
  <node id="3" lat="52.4800000" lon="-1.8940000"/>
  <node id="4" lat="52.4820000" lon="-1.8970000"/>
  <node id="5" lat="52.4780000" lon="-1.8970000"/>
  <node id="6" lat="52.4820000" lon="-1.9000000"/>
  <node id="7" lat="52.4820000" lon="-1.8940000"/>
  <node id="8" lat="52.4780000" lon="-1.8940000"/>
  <node id="9" lat="52.4780000" lon="-1.9000000"/>
  <node id="10" lat="52.4810000" lon="-1.8990000"><tag k="amenity" v="bench"/></node>
  <way id="100">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="primary"/><tag k="name" v="Broad Street"/><tag k="maxspeed" v="30 mph"/>
  </way>
  <way id="101">
    <nd ref="5"/><nd ref="2"/><nd ref="4"/>
    <tag k="highway" v="residential"/><tag k="oneway" v="yes"/>
  </way>
  <way id="102">
    <nd ref="6"/><nd ref="4"/><nd ref="7"/><nd ref="3"/><nd ref="8"/><nd ref="5"/><nd ref="9"/><nd ref="1"/><nd ref="6"/>
    <tag k="highway" v="tertiary"/><tag k="maxspeed" v="GB:nsl_single"/>
  </way>
  <way id="103">
    <nd ref="1"/><nd ref="10"/><nd ref="4"/>
    <tag k="highway" v="footway"/>
  </way>
  <way id="104">
    <nd ref="9"/><nd ref="10"/>
    <tag k="highway" v="service"/><tag k="access" v="private"/>
  </way>
  <way id="105">
    <nd ref="8"/><nd ref="999"/><nd ref="7"/>
    <tag k="highway" v="unclassified"/>
  </way>
  <way id="106">
    <nd ref="6"/><nd ref="7"/>
    <tag k="highway" v="service"/><tag k="oneway" v="reversible"/>
  </way>
  <relation id="200">
    <member type="way" ref="100" role="from"/><member type="node" ref="2" role="via"/><member type="way" ref="101" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/>
  </relation>
  <relation id="201">
    <member type="way" ref="100" role="from"/><member type="way" ref="101" role="via"/><member type="way" ref="102" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/>
  </relation>
  <relation id="202">
    <member type="way" ref="102" role="from"/><member type="node" ref="3" role="via"/><member type="way" ref="100" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction:hgv" v="no_right_turn"/>
  </relation>
  <relation id="203">
    <member type="way" ref="100" role="outer"/>
    <tag k="type" v="multipolygon"/>
  </relation>
</osm>
"""

    static let pbfBase64 = [
        "AAAADQoJT1NNSGVhZGVyGDsQLxo3eJxT4vMvzg1OzkjNTdQNM9AzU+JySc0rTvXLT0ktbmIUyMlMyi/OzSzN1TfSMzLWMwQAX2cO",
        "kwAAAAsKB09TTURhdGEYexCrARp2eJzjEuFiAEL2xNzUvMySSi7WpNS85AyhSYxC/YxcXExwoGXDxcUAB0JIbCkkthISW4uLCc52",
        "kmg4sO8LMwPDgR1M/z+wNHxkYQBSDA+uMHtJ/1/VLwRkANH9K8wMQHxgJTvD/pXsC+YwBvHATWBiZgAAxMkhuAAAAAwKB09TTURh",
        "dGEYkAIQgQMaigJ4nF3OTU6FMBDAcdry0TfwBLvSGhN05dLEnUs2HsADmAoD1PCVFlHu5Bn0CF7JvvdWuJz885sZ+CLgQdTqpv1Q",
        "K/iD6hF4rz7thFhBNBndK7NCUphRVfnzbBBnCB/u835qnQzHAQ8wNmh1hcOsVQdsRQt8RuMmZ/dPxeNguxerh6ZDiOpxnA8mVGWJ",
        "1kJk0Sy6xOO1Rc0IyftQdspaXWv3BBhc0Fj92qH4JfKaV4IRyiTzg/AWuJd5F17u3UUFo5TKK46CEi7pDrYRAl/e8NpFJmmcbOIu",
        "YWEEAU9BXvJGECLJ/t9qEUvJW6fPJE2zTaTicFYf2fmmBNl3+pM6+Hb6KRVbmNA/iLdI/AAAAAwKB09TTURhdGEYzAEQmQIaxgF4",
        "nG3MQWrCQBjF8XmTqONnpJKVZKNko71Cl1269AJSJMaBJCPjF8HbeBaLklYP5QQVFF2/3/sTkyCft6uEOjZZs9Vz1qagoDCzLFnw",
        "jEtb1GRhTU7eRv+QZENtN5fX7ePh9rVMN9R1m9Xp8vYN8jJjvTLZNnXdhik5seEO8aeqEErISEovJiV6oi+GYux/e41ma9Ks8Isj",
        "ph4E4pH6u1P1Sv0KUjqIuvlfw7aD9KZ5xgH7W3OgTgiBCJ0niGAiK0yBCwSbOoU=",
    ].joined()

    static var pbf: [UInt8] { [UInt8](Data(base64Encoded: pbfBase64) ?? Data()) }
}
