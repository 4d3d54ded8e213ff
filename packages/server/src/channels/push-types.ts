/** Push payload types: the JSON contract with the service worker lives in core (push-payload.ts). */
import type { PushPayload } from "@herald/core";

export type {
  Named,
  PushPayload,
  RoomKind,
  SupportEventType,
  Trigger as PushTrigger,
} from "@herald/core";

/** PRV-1 push content. */
export type PushContentMode = "full" | "generic" | "generic_no_room" | "id_only";
export type Urgency = "very-low" | "low" | "normal" | "high";

/** What the sender needs: the JSON to encrypt and the RFC 8030 headers. */
export type PushMessage = {
  payload: PushPayload;
  json: string;
  ttl: number;
  urgency: Urgency;
  topic: string;
};

/**
 * PSH-6: the encrypted body must fit 4,096 bytes. aes128gcm (RFC 8188) with one record adds a header of
 * 16 (salt) + 4 (rs) + 1 (idlen) + 65 (key id = sender's public key) bytes, one padding delimiter byte and a
 * 16-byte tag: 103 bytes. So the JSON may take 3,993 bytes.
 */
export const MAX_ENCRYPTED_BYTES = 4096;
export const AES128GCM_OVERHEAD = 86 + 1 + 16;
export const MAX_PAYLOAD_BYTES = MAX_ENCRYPTED_BYTES - AES128GCM_OVERHEAD;
