// TypeBox schemas of saved preferences (partial: PUT saves only what it names, PRF-21). Mirrors core's
// settings.ts types; `null` at a key removes the saved choice (back to the default).
import type { EmailDelivery } from "@herald/core";
import {
  BANNER_SECONDS,
  EMAIL_DELIVERY,
  MESSAGE_TONES,
  PUSH_WHEN,
  RING_TONES,
  SUPPORT_EVENT_TYPES,
} from "@herald/core";
import type { TSchema } from "typebox";
import { Type } from "typebox";
import { ref } from "../schemas/ref.ts";

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
    pushWhen: opt(lit(PUSH_WHEN)),
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
    bannerContent: opt(lit(["full", "generic", "generic_no_room"])),
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

// What the preference routes answer: `saved` is only what was chosen (any subset, kept as stored), `effective`
// and `defaults` are whole tables (core's AccountPreferences, RoomPreferences, AgentPreferences, AdminSettings).
// Enums, not unions of literals: the answer types then name each value (a union built from a list loses them).
const LevelOut = Type.Enum(["all", "mentions", "nothing"]);
const RoomLevelOut = Type.Enum(["default", "all", "mentions", "nothing"]);
const BannerOut = Type.Enum(BANNER_SECONDS);
const RingOut = Type.Enum(RING_TONES);
const EmailDeliveryOut = Type.Enum(Object.keys(EMAIL_DELIVERY) as EmailDelivery[]);

const Saved = Type.Record(Type.String(), Type.Unknown(), {
  description: "only the choices saved; a key absent here follows the default",
});

export const AccountPreferencesSchema = Type.Object(
  {
    desktop: LevelOut,
    mobileDifferent: Type.Boolean(),
    push: LevelOut,
    email: LevelOut,
    emailDelivery: EmailDeliveryOut,
    threadReplies: Type.Object({ desktop: Type.Boolean(), push: Type.Boolean(), email: Type.Boolean() }),
    keywords: Type.Array(Type.String()),
    sound: Type.Enum([...MESSAGE_TONES, "none"]),
    volume: Type.Integer(),
    callSound: Type.Enum([...RING_TONES, "none"]),
    loginEmails: Type.Boolean(),
    autoAway: Type.Boolean(),
    idleSeconds: Type.Integer(),
    bannerSeconds: BannerOut,
    showBadge: Type.Boolean(),
    quietHours: Type.Array(Type.Object({ day: Type.Integer(), start: Type.String(), end: Type.String() })),
    pushWhen: Type.Enum(PUSH_WHEN),
  },
  { $id: "AccountPreferences", description: "every account setting (PRF-1 … PRF-17)" },
);

const roomSettings = {
  alerts: Type.Boolean(),
  muteGroupMentions: Type.Boolean(),
  markUnread: Type.Boolean(),
  desktop: RoomLevelOut,
  push: RoomLevelOut,
  email: RoomLevelOut,
  sound: Type.Enum([...MESSAGE_TONES, "none", "default"]),
};
const Snooze = Type.Union([
  Type.Object({
    until: Type.Union([Type.Integer(), Type.Null()], { description: "null: until I unsnooze" }),
  }),
  Type.Null(),
]);

export const RoomPreferencesSchema = Type.Object(
  { ...roomSettings, snooze: Snooze },
  { $id: "RoomPreferences", description: "every room setting (PRF-30 … PRF-35)" },
);

const SupportAlert = Type.Object({
  audio: Type.Boolean(),
  desktop: Type.Boolean(),
  alsoWhenFocused: Type.Boolean(),
  loop: Type.Boolean(),
  tone: RingOut,
  bannerSeconds: BannerOut,
  click: Type.Enum(["open", "pickup", "focus"]),
});
const EventSwitches = Type.Object(
  Object.fromEntries(SUPPORT_EVENT_TYPES.map((t) => [t, Type.Boolean()])) as Record<
    (typeof SUPPORT_EVENT_TYPES)[number],
    ReturnType<typeof Type.Boolean>
  >,
);

export const AgentPreferencesSchema = Type.Object(
  {
    email: EventSwitches,
    push: EventSwitches,
    audioScope: Type.Enum(["none", "assigned", "all"]),
    pending: SupportAlert,
    messages: SupportAlert,
    audioMaster: Type.Boolean(),
    desktopMaster: Type.Boolean(),
    remindUnread: Type.Boolean(),
  },
  { $id: "AgentPreferences", description: "every support agent setting (PRF-40 … PRF-50)" },
);

export const AdminSettingsSchema = Type.Object(
  {
    pushContent: Type.Enum(["full", "generic", "generic_no_room", "id_only"]),
    emailContent: Type.Enum(["full", "generic"]),
    siteName: Type.String(),
    callRinging: Type.Boolean(),
    loginEmails: Type.Boolean(),
    roomInactivitySeconds: Type.Integer(),
    defaults: Type.Object({
      account: ref(AccountPreferencesSchema),
      room: ref(RoomPreferencesSchema),
      agent: ref(AgentPreferencesSchema),
    }),
    requireVerifiedEmail: Type.Boolean(),
    restrictGroupMentionsAbove: Type.Union([Type.Integer(), Type.Null()]),
    bannerContent: Type.Enum(["full", "generic", "generic_no_room"]),
  },
  { $id: "AdminSettings", description: "the workspace settings (PRV-1 … PRV-10)" },
);

export const AccountPreferencesAnswer = Type.Object({
  saved: Saved,
  effective: ref(AccountPreferencesSchema),
  defaults: ref(AccountPreferencesSchema),
});
export const RoomPreferencesAnswer = Type.Object({
  saved: Saved,
  effective: ref(RoomPreferencesSchema),
  defaults: ref(RoomPreferencesSchema),
});
export const AgentPreferencesAnswer = Type.Object({
  saved: Saved,
  effective: ref(AgentPreferencesSchema),
  defaults: ref(AgentPreferencesSchema),
});
export const AdminSettingsAnswer = Type.Object({ saved: Saved, effective: ref(AdminSettingsSchema) });
