// TypeBox schemas of saved preferences (partial: PUT saves only what it names, PRF-21). Mirrors core's
// settings.ts types; `null` at a key removes the saved choice (back to the default).
import { BANNER_SECONDS, EMAIL_DELIVERY, MESSAGE_TONES, RING_TONES, SUPPORT_EVENT_TYPES } from "@herald/core";
import type { TSchema } from "typebox";
import { Type } from "typebox";

const strict = { additionalProperties: false } as const;
const lit = (values: readonly (string | number)[]) => Type.Union(values.map((v) => Type.Literal(v)));
const opt = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

const Level = lit(["all", "mentions", "nothing"]);
const Banner = lit(BANNER_SECONDS);
const Tone = lit([...MESSAGE_TONES, "none"]);
const Ring = lit(RING_TONES);
const Hhmm = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" });

export const AccountPrefsBody = Type.Object(
  {
    desktop: opt(Level),
    mobileDifferent: opt(Type.Boolean()),
    push: opt(Level),
    email: opt(Level),
    emailDelivery: opt(lit(Object.keys(EMAIL_DELIVERY))),
    threadReplies: opt(
      Type.Object(
        {
          desktop: Type.Optional(Type.Boolean()),
          push: Type.Optional(Type.Boolean()),
          email: Type.Optional(Type.Boolean()),
        },
        strict,
      ),
    ),
    keywords: opt(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
    sound: opt(Tone),
    volume: opt(Type.Integer({ minimum: 0, maximum: 100 })),
    callSound: opt(lit([...RING_TONES, "none"])),
    loginEmails: opt(Type.Boolean()),
    autoAway: opt(Type.Boolean()),
    idleSeconds: opt(Type.Integer({ minimum: 60, maximum: 86_400 })),
    bannerSeconds: opt(Banner),
    showBadge: opt(Type.Boolean()),
    quietHours: opt(
      Type.Array(
        Type.Object({ day: Type.Integer({ minimum: 0, maximum: 6 }), start: Hhmm, end: Hhmm }, strict),
        { maxItems: 28 },
      ),
    ),
  },
  strict,
);

const roomLevels = {
  alerts: opt(Type.Boolean()),
  muteGroupMentions: opt(Type.Boolean()),
  markUnread: opt(Type.Boolean()),
  desktop: opt(lit(["default", "all", "mentions", "nothing"])),
  push: opt(lit(["default", "all", "mentions", "nothing"])),
  email: opt(lit(["default", "all", "mentions", "nothing"])),
  sound: opt(lit([...MESSAGE_TONES, "none", "default"])),
};

export const RoomPrefsBody = Type.Object(
  {
    ...roomLevels,
    /** PRF-35: a preset, an end time, or null to unsnooze. */
    snooze: opt(
      Type.Union([
        lit(["1h", "8h", "24h", "forever"]),
        Type.Object({ until: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }, strict),
      ]),
    ),
  },
  strict,
);

/** Admin room defaults (PRV-7): a snooze is a moment in one member's room, not something to default. */
const RoomDefaultsBody = Type.Object(roomLevels, strict);

const EventFlags = Type.Object(
  Object.fromEntries(SUPPORT_EVENT_TYPES.map((t) => [t, Type.Optional(Type.Boolean())])),
  strict,
);
/** PRF-43 … PRF-48; "pick up the contact" on banner click exists for pending contacts only (PRF-48). */
const supportAlert = (clicks: string[]) =>
  Type.Object(
    {
      audio: Type.Optional(Type.Boolean()),
      desktop: Type.Optional(Type.Boolean()),
      alsoWhenFocused: Type.Optional(Type.Boolean()),
      loop: Type.Optional(Type.Boolean()),
      tone: Type.Optional(Ring),
      bannerSeconds: Type.Optional(Banner),
      click: Type.Optional(lit(clicks)),
    },
    strict,
  );

export const AgentPrefsBody = Type.Object(
  {
    email: opt(EventFlags),
    push: opt(EventFlags),
    audioScope: opt(lit(["none", "assigned", "all"])),
    pending: opt(supportAlert(["open", "pickup", "focus"])),
    messages: opt(supportAlert(["open", "focus"])),
    audioMaster: opt(Type.Boolean()),
    desktopMaster: opt(Type.Boolean()),
    remindUnread: opt(Type.Boolean()),
  },
  strict,
);

export const AdminSettingsBody = Type.Object(
  {
    pushContent: opt(lit(["full", "generic", "generic_no_room", "id_only"])),
    emailContent: opt(lit(["full", "generic"])),
    siteName: opt(Type.String({ minLength: 1, maxLength: 80, pattern: "\\S" })),
    callRinging: opt(Type.Boolean()),
    loginEmails: opt(Type.Boolean()),
    roomInactivitySeconds: opt(Type.Integer({ minimum: 0, maximum: 86_400 })),
    requireVerifiedEmail: opt(Type.Boolean()),
    restrictGroupMentionsAbove: opt(Type.Integer({ minimum: 1 })),
    defaults: opt(
      Type.Object(
        {
          // null resets that whole table to the SPEC defaults.
          account: opt(AccountPrefsBody),
          room: opt(RoomDefaultsBody),
          agent: opt(AgentPrefsBody),
        },
        strict,
      ),
    ),
  },
  strict,
);
