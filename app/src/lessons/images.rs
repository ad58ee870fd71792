//! Images of lessons. An uploaded image is re-encoded by the server (which strips its
//! metadata) and named by the SHA-256 of its bytes: `/images/<hash>.png`. Lessons show
//! only such images; the `content/images/` folder carries them with an exported module.
use crate::{
    db::{Store, StoreError},
    on_pool,
};
use std::path::Path;

/// Where images are served, and the folder of `content/` they travel in.
pub const IMAGE_PATH: &str = "/images";
pub const IMAGE_DIR: &str = "images";
/// The formats kept (by file extension).
pub const EXTENSIONS: [&str; 3] = ["png", "jpg", "webp"];

/// The SHA-256 of `bytes`, in lowercase hexadecimal.
pub fn hash_bytes(bytes: &[u8]) -> String {
    crate::hex::sha256_hex(bytes)
}

/// Reads `<64 hex>.<png|jpg|webp>` as its hash and extension.
pub fn parse_file_name(name: &str) -> Option<(&str, &str)> {
    let (hash, extension) = name.split_once('.')?;
    let hex = hash.len() == 64
        && hash
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    (hex && EXTENSIONS.contains(&extension)).then_some((hash, extension))
}

/// Whether `src` is the address of an image of this site.
pub fn is_local_image(src: &str) -> bool {
    src.strip_prefix(IMAGE_PATH)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(parse_file_name)
        .is_some()
}

/// The media type of an extension.
pub fn content_type(extension: &str) -> &'static str {
    match extension {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        _ => "image/webp",
    }
}

/// The file names of the site's images a lesson text shows, in order, once each.
pub fn images_in(text: &str) -> Vec<String> {
    let prefix = format!("{IMAGE_PATH}/");
    let mut found = Vec::new();
    for (start, _) in text.match_indices(&prefix) {
        let rest = &text[start + prefix.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        if parse_file_name(&name).is_some() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Checks the images of one line of a lesson: each needs a text saying what it shows,
/// and only images sent through the editor are shown. Returns the problem, if any.
pub fn image_problem(line: &str) -> Option<&'static str> {
    let mut rest = line;
    while let Some(start) = rest.find("![") {
        let after = &rest[start + 2..];
        let close = after.find("](")?;
        let alt = &after[..close];
        let target = &after[close + 2..];
        let src: String = target
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ')')
            .collect();
        if alt.trim().is_empty() {
            return Some("cette image n'a pas de texte de remplacement : écrivez entre les crochets ce qu'elle montre, par exemple ![un relevé de compte avec deux prélèvements](…)");
        }
        if !is_local_image(&src) {
            return Some("seules les images envoyées avec « Ajouter une image » sont affichées (adresse /images/…) : les images d'autres sites ne le sont pas");
        }
        rest = &after[close + 2..];
    }
    None
}

/// An image file: hash, extension, bytes.
pub type ImageFile = (String, String, Vec<u8>);

/// Images found in `content/images/`, and the problems of the files there.
pub fn read_image_dir(dir: &Path) -> (Vec<ImageFile>, Vec<super::content::ContentError>) {
    let mut images = Vec::new();
    let mut errors = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir.join(IMAGE_DIR)) else {
        return (images, errors);
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let shown = path.display().to_string();
        let problem = |message: &str| super::content::ContentError {
            file: shown.clone(),
            line: None,
            message: message.into(),
        };
        let Some((hash, extension)) = parse_file_name(&name) else {
            errors.push(problem("une image de content/images/ doit s'appeler <empreinte>.png, .jpg ou .webp (comme à l'export)"));
            continue;
        };
        match std::fs::read(&path) {
            Ok(bytes) if hash_bytes(&bytes) == hash => {
                images.push((hash.to_string(), extension.to_string(), bytes))
            }
            Ok(_) => errors.push(problem(
                "le contenu de l'image ne correspond pas à son nom (empreinte) : exportez-la de nouveau",
            )),
            Err(e) => errors.push(problem(&format!("fichier illisible : {e}"))),
        }
    }
    (images, errors)
}

impl Store {
    /// Keeps an image under its hash (the same bytes twice are kept once).
    pub async fn save_image(
        &self,
        hash: &str,
        extension: &str,
        bytes: &[u8],
        by: Option<i64>,
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO lesson_images (hash, extension, bytes, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING",
            )
            .bind(hash).bind(extension).bind(bytes).bind(by).bind(now)
            .execute(pool).await?;
        });
        Ok(())
    }

    /// The bytes of an image.
    pub async fn image(&self, hash: &str, extension: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT bytes FROM lesson_images WHERE hash = $1 AND extension = $2")
                .bind(hash).bind(extension).fetch_optional(pool).await?
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn only_hash_named_images_of_known_formats_are_local() {
        assert!(is_local_image(&format!("/images/{HASH}.png")));
        assert!(!is_local_image(&format!("/images/{HASH}.svg")));
        assert!(!is_local_image("/images/logo.png"));
        assert!(!is_local_image(&format!(
            "https://example.com/images/{HASH}.png"
        )));
        assert!(!is_local_image(&format!(
            "/images/{}.png",
            HASH.to_uppercase()
        )));
    }

    #[test]
    fn every_image_needs_an_alt_text_and_a_local_address() {
        let local = format!("/images/{HASH}.jpg");
        assert_eq!(
            image_problem(&format!("Voici ![un relevé]({local}) ici")),
            None
        );
        assert!(image_problem(&format!("![ ]({local})"))
            .unwrap()
            .contains("texte de remplacement"));
        assert!(image_problem("![un chat](https://example.com/chat.png)")
            .unwrap()
            .contains("autres sites"));
        assert_eq!(
            image_problem("[un lien](https://example.com) et ! [pas une image]"),
            None
        );
    }

    #[test]
    fn the_images_of_a_text_are_found_once_each() {
        let text =
            format!("![a](/images/{HASH}.png)\n![b](/images/{HASH}.png) ![c](/images/x.png)");
        assert_eq!(images_in(&text), vec![format!("{HASH}.png")]);
    }
}
