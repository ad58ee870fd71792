//! Images of lessons: the upload from a draft's page (PNG, JPEG or WebP up to 2 MB and
//! 16 megapixels, decoded two at a time with a memory cap, scaled down to 1600 pixels wide at most, re-encoded in the
//! same format, which drops every metadata such as a phone's location, and named by
//! the hash of the result), and serving them with a year-long cache.
use crate::{pages::error_page as failure, render::render_page_with, staff_workshops::done};
use app::{
    error::AppError,
    lessons::{
        editor::DraftStatus,
        editor_pages::{draft_path, PostedImage},
        images::{content_type, hash_bytes, parse_file_name},
    },
    state::{unix_now, AppState},
};
use axum::{
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use image::{codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageFormat};
use leptos::prelude::provide_context;
use std::io::Cursor;
use tower_sessions::Session;

/// Where a draft's author sends an image.
pub const UPLOAD_ROUTE: &str = "/espace-pro/lecons/brouillons/{id}/image";
/// Largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;
/// Largest body of the upload form (the image and the form's other fields).
pub const UPLOAD_BODY_LIMIT: usize = MAX_IMAGE_BYTES + 64 * 1024;
/// Widest image kept: wider ones are scaled down (pages stay light on prepaid data).
pub const MAX_WIDTH: u32 = 1600;
/// Longest text saying what an image shows.
pub const MAX_ALT_CHARS: usize = 300;
/// Most pixels an uploaded image may have: a 12-megapixel phone photo passes, and
/// decoding one takes at most 64 MB (four bytes a pixel). A small file can announce far
/// more (a 245 KB PNG of 9000 × 7000 pixels decodes to hundreds of megabytes): its
/// header is read and the image refused before anything is decoded.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Most memory the decoder may take for one image (16-bit colour images included).
const MAX_DECODER_BYTES: u64 = 128 * 1024 * 1024;
/// Images decoded at the same time; the next uploads wait their turn.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Why an upload is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageError {
    NotAnImage,
    TooLarge,
    /// More than [`MAX_PIXELS`] pixels, or more memory than the decoder may take.
    TooManyPixels,
    /// The form's file part could not be read (a cut or malformed upload).
    Broken,
}

/// Decodes `bytes` (PNG, JPEG or WebP), scales the image down to [`MAX_WIDTH`] and
/// encodes it again in its format. Returns the extension and the new bytes.
pub fn reencode(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), ImageError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| ImageError::NotAnImage)?;
    let extension = match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpg",
        ImageFormat::WebP => "webp",
        _ => return Err(ImageError::NotAnImage),
    };
    let limits = || {
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(10_000);
        limits.max_image_height = Some(10_000);
        limits.max_alloc = Some(MAX_DECODER_BYTES);
        limits
    };
    let refused = |error: image::ImageError| match error {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        _ => ImageError::NotAnImage,
    };
    let mut header = image::ImageReader::with_format(Cursor::new(bytes), format);
    header.limits(limits());
    let (width, height) = header.into_dimensions().map_err(refused)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels);
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let decoded = reader.decode().map_err(refused)?;
    let image = if decoded.width() > MAX_WIDTH {
        decoded.resize(MAX_WIDTH, u32::MAX, FilterType::Triangle)
    } else {
        decoded
    };
    let mut out = Cursor::new(Vec::new());
    let written = match extension {
        "jpg" => DynamicImage::ImageRgb8(image.to_rgb8())
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 82)),
        "png" => image.write_to(&mut out, ImageFormat::Png),
        _ => DynamicImage::ImageRgba8(image.to_rgba8()).write_to(&mut out, ImageFormat::WebP),
    };
    written.map_err(|_| ImageError::NotAnImage)?;
    Ok((extension, out.into_inner()))
}

impl ImageError {
    /// The message that names the refusal on the draft's page.
    pub fn message_key(self) -> &'static str {
        match self {
            ImageError::NotAnImage => "image-error-not-image",
            ImageError::TooLarge => "image-error-too-large",
            ImageError::TooManyPixels => "image-error-too-many-pixels",
            ImageError::Broken => "image-error-broken",
        }
    }
}

/// Why the upload form could not be read: past the body limit, or malformed.
fn unreadable(error: &axum::extract::multipart::MultipartError) -> ImageError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ImageError::TooLarge
    } else {
        ImageError::Broken
    }
}

/// The text of an image as markdown can hold it: one line, no brackets.
fn clean_alt(alt: &str) -> String {
    alt.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('[', "(")
        .replace(']', ")")
        .chars()
        .take(MAX_ALT_CHARS)
        .collect()
}

/// `POST /espace-pro/lecons/brouillons/{id}/image` (multipart: `image`, `alt`): adds an
/// image to one's draft; its markdown line goes at the end of the text.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let member = match crate::lessons_admin::writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let draft = match state.store.draft(id).await {
        Ok(Some(d)) if d.author_id == member.id => d,
        Ok(Some(_)) => return failure(AppError::Forbidden),
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return failure(error.into()),
    };
    if draft.status != DraftStatus::Draft {
        return crate::headers::see_other(&draft_path(id));
    }
    let mut alt = String::new();
    let mut file: Option<Result<Vec<u8>, ImageError>> = None;
    let request = Request::from_parts(parts.clone(), body);
    if let Ok(mut multipart) = Multipart::from_request(request, &state).await {
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(error) => {
                    file = Some(Err(unreadable(&error)));
                    break;
                }
            };
            match field.name() {
                Some("alt") => alt = field.text().await.unwrap_or_default(),
                Some("image") => {
                    file = Some(match field.bytes().await {
                        Ok(bytes) if bytes.is_empty() => Err(ImageError::NotAnImage),
                        Ok(bytes) => Ok(bytes.to_vec()),
                        Err(error) => Err(unreadable(&error)),
                    })
                }
                _ => {}
            }
        }
    }
    let alt = clean_alt(&alt);
    let refused = |error_key: &'static str| {
        let posted = PostedImage {
            alt: alt.clone(),
            error_key,
        };
        let state = state.clone();
        let mut parts = parts.clone();
        async move {
            parts.method = axum::http::Method::GET;
            parts.uri = match draft_path(id).parse() {
                Ok(uri) => uri,
                Err(_) => return failure(AppError::NotFound),
            };
            let mut response =
                render_page_with(state, parts, move || provide_context(posted.clone())).await;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
    };
    if alt.is_empty() {
        return refused("image-error-alt").await;
    }
    let bytes = match file {
        None => return refused("image-error-missing").await,
        Some(Err(error)) => return refused(error.message_key()).await,
        Some(Ok(bytes)) => bytes,
    };
    // The turn goes with the decoding itself: it is given back when the decoding ends,
    // even if this request is dropped first (time-out, client gone).
    let encoded = match DECODING.acquire().await {
        Ok(turn) => {
            tokio::task::spawn_blocking(move || {
                let _turn = turn;
                reencode(&bytes)
            })
            .await
        }
        Err(_) => return failure(AppError::Unavailable),
    };
    let (extension, bytes) = match encoded {
        Ok(Ok(done)) => done,
        Ok(Err(error)) => return refused(error.message_key()).await,
        Err(_) => return refused(ImageError::NotAnImage.message_key()).await,
    };
    let hash = hash_bytes(&bytes);
    let now = unix_now();
    if let Err(error) = state
        .store
        .save_image(&hash, extension, &bytes, Some(member.id), now)
        .await
    {
        return failure(error.into());
    }
    let line = format!("![{alt}](/images/{hash}.{extension})");
    let source = format!("{}\n\n{line}\n", draft.source.trim_end());
    match state
        .store
        .save_draft(id, member.id, &source, &draft.easy_source, now)
        .await
    {
        Ok(_) => {
            let to = format!("{}#apercu", draft_path(id));
            done(
                &state,
                &member,
                "lesson-image-added",
                format!("brouillon {id}, {hash}.{extension}"),
                &to,
            )
            .await
        }
        Err(error) => failure(error.into()),
    }
}

/// `GET /images/{hash}.{extension}`: an image of a lesson. Its name is its hash, so it
/// never changes and may be cached for a year.
pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((hash, extension)) = parse_file_name(&file) else {
        return failure(AppError::NotFound);
    };
    match state.store.image(hash, extension).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type(extension)),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => failure(AppError::NotFound),
        Err(error) => failure(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90)
            .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        // An APP1 "Exif" segment with a fake location, right after the start marker.
        let payload = b"Exif\0\0GPS 47.2378 6.0241 Besancon";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(payload);
        let mut out = plain[..2].to_vec();
        out.extend(segment);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn a_photo_loses_its_metadata_and_is_scaled_down() {
        let photo = jpeg_with_exif(2400, 100);
        assert!(photo.windows(4).any(|w| w == b"Exif"));
        let (extension, bytes) = reencode(&photo).unwrap();
        assert_eq!(extension, "jpg");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "metadata stripped");
        assert!(!bytes.windows(3).any(|w| w == b"GPS"));
        let back = image::load_from_memory(&bytes).unwrap();
        assert_eq!((back.width(), back.height()), (MAX_WIDTH, 67));
    }

    #[test]
    fn png_and_webp_keep_their_format() {
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            10,
            10,
            image::Rgba([1, 2, 3, 128]),
        ));
        for (format, extension) in [(ImageFormat::Png, "png"), (ImageFormat::WebP, "webp")] {
            let mut bytes = Cursor::new(Vec::new());
            img.write_to(&mut bytes, format).unwrap();
            let (found, out) = reencode(bytes.get_ref()).unwrap();
            assert_eq!(found, extension);
            assert_eq!(image::guess_format(&out).unwrap(), format);
        }
    }

    #[test]
    fn other_files_and_large_ones_are_refused() {
        assert_eq!(
            reencode(b"<svg onload=alert(1)>"),
            Err(ImageError::NotAnImage)
        );
        assert_eq!(reencode(b"GIF89a......"), Err(ImageError::NotAnImage));
        let mut truncated = jpeg_with_exif(50, 50);
        truncated.truncate(200);
        assert_eq!(reencode(&truncated), Err(ImageError::NotAnImage));
        assert_eq!(
            reencode(&vec![0u8; MAX_IMAGE_BYTES + 1]),
            Err(ImageError::TooLarge)
        );
    }

    #[test]
    fn at_most_two_images_are_decoded_at_once() {
        assert_eq!(DECODING.available_permits(), 2);
    }

    #[test]
    fn an_alt_text_stays_on_one_line_without_brackets() {
        assert_eq!(
            clean_alt("  un [relevé]\n de compte "),
            "un (relevé) de compte"
        );
    }
}
