fn main() {
    std::process::exit(whiplash_quiz::run());
}
