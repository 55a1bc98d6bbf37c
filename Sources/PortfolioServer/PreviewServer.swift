import FlyingFox
import PortfolioCore

/// The development server of `portfolio serve`, kept out of PortfolioCore so the pipeline stays
/// free of networking code.
public enum PreviewServer {}
