import Foundation

/// A project's raster hero as a social card draws it behind the text: a small JPEG copy embedded in
/// the card's SVG as a data URI (librsvg reads no files the SVG names), under a dark overlay, with
/// the text in the theme's dark-scheme colours so it stays readable whatever the photo shows.
public struct CardBackground: Sendable, Hashable {
    /// `data:image/jpeg;base64,...` of the copy.
    public var dataURI: String
    public var colours: ThemeColours
    /// The overlay's colour and opacity: at 0.82 over a white photo, the theme's muted dark-scheme
    /// text (`#a9b2bf`) keeps a WCAG contrast above 4.5:1.
    public var overlay: String { colours.background }
    public static let overlayOpacity = 0.82

    /// The widest copy embedded: the card's own width.
    public static let width = 1200

    public init(dataURI: String, colours: ThemeColours) {
        self.dataURI = dataURI
        self.colours = colours
    }

    /// Whether a hero of this kind is drawn behind the card: a still raster image (an SVG hero is not).
    public static func accepts(_ facts: ImageFacts) -> Bool {
        [.jpeg, .png, .webp].contains(facts.format) && facts.frames == 1
    }

    /// The background made from the hero's bytes: turned upright, at most 1200 px wide, as JPEG
    /// without metadata.
    public static func make(heroBytes: [UInt8], colours: ThemeColours) -> Result<CardBackground, ImageFailure> {
        ImageCodec.resized(heroBytes, width: width, format: .jpeg, keepMetadata: false).map { jpeg in
            CardBackground(dataURI: "data:image/jpeg;base64," + Data(jpeg).base64EncodedString(), colours: colours)
        }
    }
}
