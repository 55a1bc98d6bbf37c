import Foundation
import PortfolioImages
@testable import PortfolioImages

/// Photos made at run time, as a phone would write them: a JPEG with an EXIF block holding an
/// orientation and the place it was taken, so tests never commit large binary files.
enum TestPhotos {
    /// Text written into the EXIF description and GPS block, to search the output for.
    static let marker = "PORTFOLIO-SECRET-PLACE"

    /// An SVG of `width`×`height` with a few shapes, for libvips to turn into a raster image.
    static func svg(width: Int, height: Int) -> [UInt8] {
        Array("""
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)">
        <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2456c9"/><stop offset="1" stop-color="#f0b45a"/></linearGradient></defs>
        <rect width="\(width)" height="\(height)" fill="url(#g)"/>
        <circle cx="\(width / 3)" cy="\(height / 2)" r="\(min(width, height) / 4)" fill="#fff" opacity=".6"/>
        </svg>
        """.utf8)
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        try! ImageCodec.png(fromSVG: svg(width: width, height: height), width: width).get()
    }

    /// A `width`×`height` JPEG whose EXIF says to show it turned by `orientation` (6: 90° clockwise)
    /// and holds GPS coordinates.
    static func jpegWithEXIF(width: Int, height: Int, orientation: UInt16 = 6) -> [UInt8] {
        let jpeg = try! ImageCodec.resized(png(width: width, height: height), width: width, format: .jpeg, keepMetadata: false).get()
        let exif = Array("Exif".utf8) + [0, 0] + tiff(orientation: orientation)
        let length = UInt16(exif.count + 2)
        // The APP1 segment goes right after the start-of-image marker, where cameras put it.
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + exif + Array(jpeg[2...])
    }

    /// A little-endian TIFF block: IFD0 with Orientation, ImageDescription and a GPS IFD pointer; the
    /// GPS IFD with GPSLatitudeRef, GPSLatitude and a GPSAreaInformation text.
    private static func tiff(orientation: UInt16) -> [UInt8] {
        var bytes: [UInt8] = Array("II".utf8) + le16(42) + le32(8)
        let text = Array((marker + "\0").utf8)
        // IFD0 at 8: 3 entries (2 + 3*12 + 4 = 42 bytes), then its data.
        let ifd0Data = 8 + 42
        let gpsIFD = ifd0Data + text.count
        bytes += le16(3)
        bytes += entry(tag: 0x010E, type: 2, count: UInt32(text.count), value: le32(UInt32(ifd0Data)))
        bytes += entry(tag: 0x0112, type: 3, count: 1, value: le16(orientation) + [0, 0])
        bytes += entry(tag: 0x8825, type: 4, count: 1, value: le32(UInt32(gpsIFD)))
        bytes += le32(0)
        bytes += text
        // GPS IFD: 3 entries (42 bytes), then the latitude (3 rationals) and the area text.
        let latitude = gpsIFD + 42
        let area = latitude + 24
        bytes += le16(3)
        bytes += entry(tag: 0x0001, type: 2, count: 2, value: Array("N\0".utf8) + [0, 0])
        bytes += entry(tag: 0x0002, type: 5, count: 3, value: le32(UInt32(latitude)))
        bytes += entry(tag: 0x001C, type: 7, count: UInt32(text.count), value: le32(UInt32(area)))
        bytes += le32(0)
        for value: UInt32 in [38, 42, 7] { bytes += le32(value) + le32(1) }
        bytes += text
        return bytes
    }

    private static func entry(tag: UInt16, type: UInt16, count: UInt32, value: [UInt8]) -> [UInt8] {
        le16(tag) + le16(type) + le32(count) + value
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// The metadata blocks found in an image file: JPEG APP1 (EXIF, XMP) and APP13 (IPTC) segments,
    /// PNG eXIf/iTXt/zTXt/tEXt chunks, WebP EXIF/XMP chunks, AVIF Exif/mime items.
    static func metadataBlocks(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        if bytes.starts(with: [0xFF, 0xD8]) {
            var offset = 2
            while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
                let marker = bytes[offset + 1]
                if marker == 0xDA { break }
                let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                if marker == 0xE1 { found.append("JPEG APP1") }
                if marker == 0xED { found.append("JPEG APP13") }
                offset += 2 + length
            }
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            var offset = 8
            while offset + 8 <= bytes.count {
                let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
                let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
                if ["eXIf", "iTXt", "zTXt", "tEXt"].contains(type) { found.append("PNG " + type) }
                offset += 12 + length
            }
        } else if bytes.starts(with: Array("RIFF".utf8)) {
            var offset = 12
            while offset + 8 <= bytes.count {
                let type = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
                let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
                if type == "EXIF" || type == "XMP " { found.append("WebP " + type) }
                offset += 8 + length + (length & 1)
            }
        } else if contains(bytes, Array("Exif".utf8)) {
            found.append("Exif item")
        }
        if contains(bytes, Array(marker.utf8)) { found.append("the GPS text") }
        return found
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
