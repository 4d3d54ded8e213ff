// Generated from the server's OpenAPI document by scripts/api-types.ts: do not edit.
// Regenerate with `npm run api:types` after changing a route's schema.

export interface paths {
    "/api/v1/admin/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failures: components["schemas"]["FailedDelivery"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/mailbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            emails: components["schemas"]["StoredEmail"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            effective: components["schemas"]["AdminSettings"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bannerContent?: ("full" | "generic" | "generic_no_room") | (never | null);
                        callRinging?: boolean | null;
                        defaults?: {
                            account?: {
                                autoAway?: boolean | null;
                                bannerSeconds?: (5 | 10 | 20 | 30 | "until_closed") | (never | null);
                                callSound?: ("classic" | "digital" | "soft" | "none") | (never | null);
                                desktop?: ("all" | "mentions" | "nothing") | (never | null);
                                email?: ("all" | "mentions" | "nothing") | (never | null);
                                emailDelivery?: ("immediately" | "batched_2m" | "batched_15m" | "batched_1h") | (never | null);
                                idleSeconds?: number | null;
                                keywords?: string[] | null;
                                loginEmails?: boolean | null;
                                mobileDifferent?: boolean | null;
                                push?: ("all" | "mentions" | "nothing") | (never | null);
                                pushWhen?: ("inactive" | "always" | "offline") | (never | null);
                                quietHours?: {
                                    day: number;
                                    end: string;
                                    start: string;
                                }[] | null;
                                showBadge?: boolean | null;
                                sound?: ("chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none") | (never | null);
                                threadReplies?: {
                                    desktop?: boolean;
                                    email?: boolean;
                                    push?: boolean;
                                } | null;
                                volume?: number | null;
                            } | null;
                            agent?: {
                                audioMaster?: boolean | null;
                                audioScope?: ("none" | "assigned" | "all") | (never | null);
                                desktopMaster?: boolean | null;
                                email?: {
                                    assigned_conversation_message?: boolean;
                                    conversation_assigned?: boolean;
                                    conversation_created?: boolean;
                                    conversation_mention?: boolean;
                                    participating_conversation_message?: boolean;
                                    pending_contact?: boolean;
                                } | null;
                                messages?: {
                                    alsoWhenFocused?: boolean;
                                    audio?: boolean;
                                    bannerSeconds?: 5 | 10 | 20 | 30 | "until_closed";
                                    click?: "open" | "focus";
                                    desktop?: boolean;
                                    loop?: boolean;
                                    tone?: "classic" | "digital" | "soft";
                                } | null;
                                pending?: {
                                    alsoWhenFocused?: boolean;
                                    audio?: boolean;
                                    bannerSeconds?: 5 | 10 | 20 | 30 | "until_closed";
                                    click?: "open" | "pickup" | "focus";
                                    desktop?: boolean;
                                    loop?: boolean;
                                    tone?: "classic" | "digital" | "soft";
                                } | null;
                                push?: {
                                    assigned_conversation_message?: boolean;
                                    conversation_assigned?: boolean;
                                    conversation_created?: boolean;
                                    conversation_mention?: boolean;
                                    participating_conversation_message?: boolean;
                                    pending_contact?: boolean;
                                } | null;
                                remindUnread?: boolean | null;
                            } | null;
                            room?: {
                                alerts?: boolean | null;
                                desktop?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                                email?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                                markUnread?: boolean | null;
                                muteGroupMentions?: boolean | null;
                                push?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                                sound?: ("chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none" | "default") | (never | null);
                            } | null;
                        } | null;
                        emailContent?: ("full" | "generic") | (never | null);
                        loginEmails?: boolean | null;
                        pushContent?: ("full" | "generic" | "generic_no_room" | "id_only") | (never | null);
                        requireVerifiedEmail?: boolean | null;
                        restrictGroupMentionsAbove?: number | null;
                        roomInactivitySeconds?: number | null;
                        siteName?: string | null;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            effective: components["schemas"]["AdminSettings"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    range?: "hour" | "day" | "week" | "month";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the width of one bar of the chart */
                            bucketMs: number;
                            buckets: {
                                /** @description milliseconds since the epoch */
                                start: number;
                                stats: {
                                    /** @description push, email or banner */
                                    channel: string;
                                    count: number;
                                    /** @description sent, skipped or failed */
                                    outcome: string;
                                    /** @description sent, or the rule or error word that decided */
                                    reason: string;
                                }[];
                            }[];
                            /** @description milliseconds since the epoch */
                            from: number;
                            /** @description deliveries waiting, per channel */
                            pending: {
                                [key: string]: number;
                            };
                            /** @description each push to each device, per device platform */
                            platforms: {
                                count: number;
                                outcome: string;
                                platform: string;
                            }[];
                            range: "hour" | "day" | "week" | "month";
                            stats: {
                                /** @description push, email or banner */
                                channel: string;
                                count: number;
                                /** @description sent, skipped or failed */
                                outcome: string;
                                /** @description sent, or the rule or error word that decided */
                                reason: string;
                            }[];
                            /** @description milliseconds since the epoch */
                            to: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        login: string;
                        newPassword?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send as x-csrf-token with every write; null when signed in with a token */
                            csrfToken: string | null;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send as x-csrf-token with every write; null when signed in with a token */
                            csrfToken: string | null;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description a page when the client prefers text/html, else JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            valid: boolean;
                        };
                        "text/html": string;
                    };
                };
                /** @description a page when the client prefers text/html, else JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description a page when the client prefers text/html, else JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                        "text/html": string;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description a page when the client prefers text/html, else JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            ok: boolean;
                        };
                        "text/html": string;
                    };
                };
                /** @description a page when the client prefers text/html, else JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            call: components["schemas"]["Call"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            call: components["schemas"]["Call"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            call: components["schemas"]["Call"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedReplies: components["schemas"]["CannedReply"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shortcut: string;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedReply: components["schemas"]["CannedReply"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        shortcut?: string;
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cannedReply: components["schemas"]["CannedReply"];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    filter?: "mine" | "unassigned" | "all";
                    limit?: number;
                    status?: "pending" | "open" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: components["schemas"]["SupportConversationSummary"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversationDetail"];
                            messages: components["schemas"]["SupportMessage"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userId: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contact: {
                                email: string | null;
                                /** @description milliseconds since the epoch */
                                firstSeen: number;
                                name: string;
                            };
                            conversations: {
                                /** @description milliseconds since the epoch */
                                createdAt: number;
                                id: string;
                                lastMessage: components["schemas"]["SupportLastMessage"] | (never | null);
                                status: "pending" | "open" | "resolved";
                                /** @description milliseconds since the epoch */
                                updatedAt: number;
                            }[];
                            pages: {
                                /** @description milliseconds since the epoch */
                                at: number;
                                referrer: string | null;
                                thisConversation: boolean;
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        private?: boolean;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: {
                                /** @description milliseconds since the epoch */
                                createdAt: number;
                                id: string;
                                private: boolean;
                                seq: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/pickup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        typing: boolean;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: the conversation existed already */
                            created: boolean;
                            room: components["schemas"]["Room"];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: the conversation existed already */
                            created: boolean;
                            room: components["schemas"]["Room"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/email/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description a page asking to confirm, with the Unsubscribe button */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        form?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the kind of email turned off */
                            kind: string;
                            /** @description always true */
                            ok: boolean;
                            /** @description where: the account, or room:<id> */
                            scope: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description the file's bytes, to members of its room; images shown inline, everything else as a download */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description the file's bytes, with its type as Content-Type */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inboxes: components["schemas"]["SupportInbox"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentIds?: string[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inbox: components["schemas"]["SupportInbox"];
                            /** @description the widget key, for the embed snippet */
                            key: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inboxes/{id}/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: string[];
                            /** @description every agent of the inbox now */
                            agentIds: string[];
                            inboxId: string;
                            rejected: {
                                code: "user_not_found" | "not_an_agent";
                                name: string | null;
                                reason: string;
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added?: string[];
                            agentIds?: string[];
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                            inboxId?: string;
                            rejected?: {
                                code: "user_not_found" | "not_an_agent";
                                name: string | null;
                                reason: string;
                                userId: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inboxes/{id}/agents/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description every agent of the inbox now */
                            agentIds: string[];
                            inboxId: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inboxes/{id}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inboxId: string;
                            key: string;
                            keyPrefix: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inboxes/{id}/widget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaultOfflineEmailMinutes: number;
                            inboxId: string;
                            offlineEmailMinutes: number | null;
                            origins: string[];
                            siteOrigins: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        offlineEmailMinutes?: number | null;
                        origins?: string[];
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaultOfflineEmailMinutes: number;
                            inboxId: string;
                            offlineEmailMinutes: number | null;
                            origins: string[];
                            siteOrigins: string[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: components["schemas"]["MyStatus"];
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        email?: string | null;
                        timezone?: string;
                        /** @description the zone follows the browser; a timezone sent alone is a choice */
                        timezoneAuto?: boolean;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a confirmation link went to this address; it applies once opened */
                            emailPending?: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me/agent-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["AgentPreferences"];
                            effective: components["schemas"]["AgentPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        audioMaster?: boolean | null;
                        audioScope?: ("none" | "assigned" | "all") | (never | null);
                        desktopMaster?: boolean | null;
                        email?: {
                            assigned_conversation_message?: boolean;
                            conversation_assigned?: boolean;
                            conversation_created?: boolean;
                            conversation_mention?: boolean;
                            participating_conversation_message?: boolean;
                            pending_contact?: boolean;
                        } | null;
                        messages?: {
                            alsoWhenFocused?: boolean;
                            audio?: boolean;
                            bannerSeconds?: 5 | 10 | 20 | 30 | "until_closed";
                            click?: "open" | "focus";
                            desktop?: boolean;
                            loop?: boolean;
                            tone?: "classic" | "digital" | "soft";
                        } | null;
                        pending?: {
                            alsoWhenFocused?: boolean;
                            audio?: boolean;
                            bannerSeconds?: 5 | 10 | 20 | 30 | "until_closed";
                            click?: "open" | "pickup" | "focus";
                            desktop?: boolean;
                            loop?: boolean;
                            tone?: "classic" | "digital" | "soft";
                        } | null;
                        push?: {
                            assigned_conversation_message?: boolean;
                            conversation_assigned?: boolean;
                            conversation_created?: boolean;
                            conversation_mention?: boolean;
                            participating_conversation_message?: boolean;
                            pending_contact?: boolean;
                        } | null;
                        remindUnread?: boolean | null;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["AgentPreferences"];
                            effective: components["schemas"]["AgentPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/badge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description the unread badge and each room's counts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Badge"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a link went to the address */
                            sent: boolean;
                            /** @description the address is confirmed already (nothing sent) */
                            verified: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/ignores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userIds: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/ignores/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ignored: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ignored: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/personal-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name?: string;
                            prefix: string;
                            scopes: ("read" | "write" | "admin")[];
                            /** @description the secret: shown this once */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["AccountPreferences"];
                            effective: components["schemas"]["AccountPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoAway?: boolean | null;
                        bannerSeconds?: (5 | 10 | 20 | 30 | "until_closed") | (never | null);
                        callSound?: ("classic" | "digital" | "soft" | "none") | (never | null);
                        desktop?: ("all" | "mentions" | "nothing") | (never | null);
                        email?: ("all" | "mentions" | "nothing") | (never | null);
                        emailDelivery?: ("immediately" | "batched_2m" | "batched_15m" | "batched_1h") | (never | null);
                        idleSeconds?: number | null;
                        keywords?: string[] | null;
                        loginEmails?: boolean | null;
                        mobileDifferent?: boolean | null;
                        push?: ("all" | "mentions" | "nothing") | (never | null);
                        pushWhen?: ("inactive" | "always" | "offline") | (never | null);
                        quietHours?: {
                            day: number;
                            end: string;
                            start: string;
                        }[] | null;
                        showBadge?: boolean | null;
                        sound?: ("chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none") | (never | null);
                        threadReplies?: {
                            desktop?: boolean;
                            email?: boolean;
                            push?: boolean;
                        } | null;
                        volume?: number | null;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["AccountPreferences"];
                            effective: components["schemas"]["AccountPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description the unread badge and each room's counts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Badge"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dnd?: (never | null) | ("1h" | "tomorrow" | "forever") | {
                            until: number | null;
                        };
                        presence?: "auto" | "away" | "invisible";
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description my presence choice and do not disturb (PRS-1, PRS-5) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyStatus"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description an access token, without its secret */
                            personal: {
                                /** @description milliseconds since the epoch */
                                createdAt: number;
                                id: string;
                                /** @description milliseconds since the epoch */
                                lastUsedAt: number | null;
                                /** @description null for the personal token */
                                name: string | null;
                                /** @description the token's first characters, to tell tokens apart */
                                prefix: string;
                                scopes: string[];
                            } | null;
                            /** @description named tokens, oldest first */
                            tokens: {
                                /** @description milliseconds since the epoch */
                                createdAt: number;
                                id: string;
                                /** @description milliseconds since the epoch */
                                lastUsedAt: number | null;
                                /** @description null for the personal token */
                                name: string | null;
                                /** @description the token's first characters, to tell tokens apart */
                                prefix: string;
                                scopes: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        scopes: ("read" | "write" | "admin")[];
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name?: string;
                            prefix: string;
                            scopes: ("read" | "write" | "admin")[];
                            /** @description the secret: shown this once */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: components["schemas"]["Message"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description mentioned users who are not in the room */
                            hints: components["schemas"]["MentionHint"][];
                            message: components["schemas"]["Message"];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/messages/{id}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{id}/thread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            following: boolean;
                            lastReadSeq: number;
                            /** @description oldest first */
                            replies: components["schemas"]["Message"][];
                            root: components["schemas"]["Message"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    filter?: "mentions" | "threads" | "support" | "calls";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description newest first */
                            items: components["schemas"]["NotificationItem"][];
                            /** @description pass as `cursor` for the next page; null on the last */
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description always true */
                            read: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        until: number;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description milliseconds since the epoch */
                            snoozedUntil: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    event?: string;
                    message?: string;
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                banner: {
                                    aggregate?: {
                                        at: number;
                                        count: number;
                                        decision: string;
                                        reasons: {
                                            fact: string;
                                            rule: string;
                                            wait?: {
                                                autoAway: boolean;
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "inactivity";
                                                lastActivityAt: number | null;
                                                lastActivityDevice: string | null;
                                                lockedSince: number | null;
                                                thresholdMs: number;
                                            } | {
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "offline";
                                            } | {
                                                /** @enum {string} */
                                                kind: "quiet_hours";
                                                until: number;
                                            } | {
                                                /** @enum {string} */
                                                kind: "batch_window";
                                                until: number;
                                                windowMs: number;
                                            };
                                        }[];
                                    };
                                    at?: number;
                                    decision: string;
                                    dueAt?: number | null;
                                    reasons: {
                                        fact: string;
                                        rule: string;
                                        wait?: {
                                            autoAway: boolean;
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "inactivity";
                                            lastActivityAt: number | null;
                                            lastActivityDevice: string | null;
                                            lockedSince: number | null;
                                            thresholdMs: number;
                                        } | {
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "offline";
                                        } | {
                                            /** @enum {string} */
                                            kind: "quiet_hours";
                                            until: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "batch_window";
                                            until: number;
                                            windowMs: number;
                                        };
                                    }[];
                                    source: string;
                                };
                                email: {
                                    aggregate?: {
                                        at: number;
                                        count: number;
                                        decision: string;
                                        reasons: {
                                            fact: string;
                                            rule: string;
                                            wait?: {
                                                autoAway: boolean;
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "inactivity";
                                                lastActivityAt: number | null;
                                                lastActivityDevice: string | null;
                                                lockedSince: number | null;
                                                thresholdMs: number;
                                            } | {
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "offline";
                                            } | {
                                                /** @enum {string} */
                                                kind: "quiet_hours";
                                                until: number;
                                            } | {
                                                /** @enum {string} */
                                                kind: "batch_window";
                                                until: number;
                                                windowMs: number;
                                            };
                                        }[];
                                    };
                                    at?: number;
                                    decision: string;
                                    dueAt?: number | null;
                                    reasons: {
                                        fact: string;
                                        rule: string;
                                        wait?: {
                                            autoAway: boolean;
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "inactivity";
                                            lastActivityAt: number | null;
                                            lastActivityDevice: string | null;
                                            lockedSince: number | null;
                                            thresholdMs: number;
                                        } | {
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "offline";
                                        } | {
                                            /** @enum {string} */
                                            kind: "quiet_hours";
                                            until: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "batch_window";
                                            until: number;
                                            windowMs: number;
                                        };
                                    }[];
                                    source: string;
                                };
                                inbox: {
                                    aggregate?: {
                                        at: number;
                                        count: number;
                                        decision: string;
                                        reasons: {
                                            fact: string;
                                            rule: string;
                                            wait?: {
                                                autoAway: boolean;
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "inactivity";
                                                lastActivityAt: number | null;
                                                lastActivityDevice: string | null;
                                                lockedSince: number | null;
                                                thresholdMs: number;
                                            } | {
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "offline";
                                            } | {
                                                /** @enum {string} */
                                                kind: "quiet_hours";
                                                until: number;
                                            } | {
                                                /** @enum {string} */
                                                kind: "batch_window";
                                                until: number;
                                                windowMs: number;
                                            };
                                        }[];
                                    };
                                    at?: number;
                                    decision: string;
                                    dueAt?: number | null;
                                    reasons: {
                                        fact: string;
                                        rule: string;
                                        wait?: {
                                            autoAway: boolean;
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "inactivity";
                                            lastActivityAt: number | null;
                                            lastActivityDevice: string | null;
                                            lockedSince: number | null;
                                            thresholdMs: number;
                                        } | {
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "offline";
                                        } | {
                                            /** @enum {string} */
                                            kind: "quiet_hours";
                                            until: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "batch_window";
                                            until: number;
                                            windowMs: number;
                                        };
                                    }[];
                                    source: string;
                                };
                                push: {
                                    aggregate?: {
                                        at: number;
                                        count: number;
                                        decision: string;
                                        reasons: {
                                            fact: string;
                                            rule: string;
                                            wait?: {
                                                autoAway: boolean;
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "inactivity";
                                                lastActivityAt: number | null;
                                                lastActivityDevice: string | null;
                                                lockedSince: number | null;
                                                thresholdMs: number;
                                            } | {
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "offline";
                                            } | {
                                                /** @enum {string} */
                                                kind: "quiet_hours";
                                                until: number;
                                            } | {
                                                /** @enum {string} */
                                                kind: "batch_window";
                                                until: number;
                                                windowMs: number;
                                            };
                                        }[];
                                    };
                                    at?: number;
                                    decision: string;
                                    dueAt?: number | null;
                                    reasons: {
                                        fact: string;
                                        rule: string;
                                        wait?: {
                                            autoAway: boolean;
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "inactivity";
                                            lastActivityAt: number | null;
                                            lastActivityDevice: string | null;
                                            lockedSince: number | null;
                                            thresholdMs: number;
                                        } | {
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "offline";
                                        } | {
                                            /** @enum {string} */
                                            kind: "quiet_hours";
                                            until: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "batch_window";
                                            until: number;
                                            windowMs: number;
                                        };
                                    }[];
                                    source: string;
                                };
                                sound: {
                                    aggregate?: {
                                        at: number;
                                        count: number;
                                        decision: string;
                                        reasons: {
                                            fact: string;
                                            rule: string;
                                            wait?: {
                                                autoAway: boolean;
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "inactivity";
                                                lastActivityAt: number | null;
                                                lastActivityDevice: string | null;
                                                lockedSince: number | null;
                                                thresholdMs: number;
                                            } | {
                                                connected: boolean;
                                                desktopGoneAt: number | null;
                                                dueAt: number | null;
                                                /** @enum {string} */
                                                kind: "offline";
                                            } | {
                                                /** @enum {string} */
                                                kind: "quiet_hours";
                                                until: number;
                                            } | {
                                                /** @enum {string} */
                                                kind: "batch_window";
                                                until: number;
                                                windowMs: number;
                                            };
                                        }[];
                                    };
                                    at?: number;
                                    decision: string;
                                    dueAt?: number | null;
                                    reasons: {
                                        fact: string;
                                        rule: string;
                                        wait?: {
                                            autoAway: boolean;
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "inactivity";
                                            lastActivityAt: number | null;
                                            lastActivityDevice: string | null;
                                            lockedSince: number | null;
                                            thresholdMs: number;
                                        } | {
                                            connected: boolean;
                                            desktopGoneAt: number | null;
                                            dueAt: number | null;
                                            /** @enum {string} */
                                            kind: "offline";
                                        } | {
                                            /** @enum {string} */
                                            kind: "quiet_hours";
                                            until: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "batch_window";
                                            until: number;
                                            windowMs: number;
                                        };
                                    }[];
                                    source: string;
                                };
                            };
                            eventKind: string;
                            messageId: string;
                            rebuiltAt: number | null;
                            sources: {
                                pending: string[];
                                rebuilt: string[];
                                recorded: string[];
                            };
                            subject: {
                                conversationId: string | null;
                                createdAt: number | null;
                                firstLine: string;
                                hidden?: boolean;
                                messageId: string | null;
                                roomId: string | null;
                                roomKind: string | null;
                                roomName: string | null;
                                senderId: string | null;
                                senderName: string | null;
                            } | null;
                            text: string[];
                            trigger: string | null;
                            userId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            devices: components["schemas"]["PushDevice"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appId: string;
                        deviceId: string;
                        environment?: "production" | "sandbox";
                        name?: string;
                        platform: "apns" | "fcm";
                        token: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the message's first line, at most 200 characters */
                            body: string;
                            id: string;
                            room: {
                                id: string;
                                name: string;
                            };
                            roomId: string;
                            sender: {
                                id: string;
                                name: string;
                            };
                            threadId?: string;
                            title: string;
                            /** @description milliseconds since the epoch */
                            ts: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subscriptions: components["schemas"]["PushSubscription"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        deviceId: string;
                        deviceKind: "desktop" | "mobile" | "web";
                        /** Format: uri */
                        endpoint: string;
                        expirationTime?: number | null;
                        keys: {
                            auth: string;
                            p256dh: string;
                        };
                        /** @enum {string} */
                        type?: "webpush";
                    } | {
                        deviceId: string;
                        deviceKind: "desktop" | "mobile" | "web";
                        /** @enum {string} */
                        type: "webhook";
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description webhooks only, shown once: the key of the signatures (PSH-8) */
                            secret?: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/vapid-public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description applicationServerKey */
                            publicKey: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/realtime": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Realtime gateway (WebSocket upgrade)
         * @description WebSocket upgrade (JSON text frames). Authenticate with the session cookie, `Authorization: Bearer`,
         *     `api_access_token` or `?access_token=`; a browser `Origin` must match HERALD_PUBLIC_URL or the Host (else 403
         *     before the upgrade; no credentials: 401).
         *
         *     Client → server: `{t:"hello", deviceId, deviceKind, permission, focused, visible, view, resume?}` first, then
         *     `state`, `activity`, `presence.subscribe`, `ping`. Server → client: `ready` (badge, user cursor), `message`,
         *     `message.updated` / `message.deleted`, `notify`, `badge`, `read`, `presence`, `membership`,
         *     `ring.start` / `ring.stop`, `pending.start` / `pending.stop`, `assigned.unread`, `conversation.updated`, `conversation.typing` (no cursor, never replayed), `pong`, `error`; one write per
         *     event may carry several as `{t:"multi", events}`. Messages carry `alsoInRoom` like the REST message shape.
         *     Close codes: 4401 signed out, 4429 rate limited, 1009 frame over 64 KiB.
         *
         *     The full protocol (every frame and field, resume, cursors): [docs/ARCHITECTURE.md, "Realtime protocol"](docs/ARCHITECTURE.md#realtime-protocol-get-apiv1realtime-websocket-json-text-frames) in the
         *     Herald repository.
         */
        get: {
            parameters: {
                query?: {
                    access_token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not a WebSocket upgrade request: upgrade to websocket. */
                426: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                field?: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description My rooms with unread state (default), or with `scope=public` every public channel with its member count and whether I am a member (the Browse channels list). */
        get: {
            parameters: {
                query?: {
                    scope?: "mine" | "public";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            badge: {
                                dot: boolean;
                                total: number;
                            };
                            /** @description oldest first */
                            rooms: components["schemas"]["MyRoom"][];
                        } | {
                            /** @description scope=public: by name */
                            rooms: components["schemas"]["PublicRoom"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kind: "channel" | "group";
                        memberIds?: string[];
                        name: string;
                        topic?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            room: components["schemas"]["Room"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when not a member */
                            lastReadSeq: number | null;
                            member: boolean;
                            room: components["schemas"]["Room"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        topic?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            room: components["schemas"]["Room"];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/rooms/{id}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            call: components["schemas"]["Call"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description multipart/form-data: `file` (one file), optional `text`, `threadRootId`, `alsoInRoom` ("true") */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description mentioned users who are not in the room */
                            hints: components["schemas"]["MentionHint"][];
                            message: components["schemas"]["Message"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: a member already */
                            joined: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            left: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description by id */
                            members: {
                                displayName: string;
                                id: string;
                                role: "admin" | "agent" | "member";
                                username: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        userIds: string[];
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberCount: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: boolean;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    after?: number;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description oldest first */
                            messages: components["schemas"]["Message"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        alsoInRoom?: boolean;
                        text: string;
                        threadRootId?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description mentioned users who are not in the room */
                            hints: components["schemas"]["MentionHint"][];
                            message: components["schemas"]["Message"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["RoomPreferences"];
                            effective: components["schemas"]["RoomPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        alerts?: boolean | null;
                        desktop?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                        email?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                        markUnread?: boolean | null;
                        muteGroupMentions?: boolean | null;
                        push?: ("default" | "all" | "mentions" | "nothing") | (never | null);
                        snooze?: (("1h" | "8h" | "24h" | "forever") | {
                            until: number | null;
                        }) | (never | null);
                        sound?: ("chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none" | "default") | (never | null);
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: components["schemas"]["RoomPreferences"];
                            effective: components["schemas"]["RoomPreferences"];
                            /** @description only the choices saved; a key absent here follows the default */
                            saved: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        seq?: number;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            roomId: string;
                            /** @description my read position */
                            seq: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        messageId?: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            roomId: string;
                            seq: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rooms: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Messages holding every word of `q` (each word also matches longer words it starts), newest first, from rooms I am a member of; people by username or display name; channels by name (public ones and private groups I am in). One page per call, `nextCursor` for the next. */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    kind?: "messages" | "people" | "channels";
                    limit?: number;
                    q: string;
                    roomId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description kind=channels: by name */
                            channels?: {
                                id: string;
                                /** @description channel (public), group (private), dm, gdm (group DM) or conversation (support) */
                                kind: "channel" | "group" | "dm" | "gdm" | "conversation";
                                /** @description whether the caller is a member (false: a public channel to join) */
                                member: boolean;
                                memberCount: number;
                                name: string;
                                topic: string;
                            }[];
                            /** @description kind=messages: newest first */
                            messages?: {
                                message: components["schemas"]["Message"];
                                room: {
                                    id: string;
                                    /** @description channel (public), group (private), dm, gdm (group DM) or conversation (support) */
                                    kind: "channel" | "group" | "dm" | "gdm" | "conversation";
                                    name: string;
                                };
                                /** @description who wrote it; null for a removed account or a system message */
                                sender: {
                                    displayName: string;
                                    id: string;
                                    username: string;
                                } | null;
                            }[];
                            /** @description pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                            /** @description kind=people: by username */
                            people?: components["schemas"]["User"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads/{rootId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    rootId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        seq?: number;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rootId: string;
                            /** @description my read position */
                            seq: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads/followed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            threads: {
                                lastReplyAt: number;
                                mentions: number;
                                replyCount: number;
                                roomId: string;
                                roomKind: string;
                                roomName: string;
                                rootId: string;
                                rootSenderId: string | null;
                                rootText: string | null;
                                unread: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            threads: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                    q?: string;
                    status?: "active" | "inactive" | "all";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description pass as `offset` for the next page; null on the last page */
                            nextOffset: number | null;
                            /** @description names that start with the words first, then by name */
                            users: components["schemas"]["User"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        email?: string;
                        password: string;
                        role: "admin" | "agent" | "member";
                        timezone?: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        displayName?: string;
                        role?: "admin" | "agent" | "member";
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        via?: "email" | "password";
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown once; the user replaces it at sign-in */
                            oneTimePassword: string;
                            /** @enum {string} */
                            via: "password";
                        } | {
                            /** @description where the link went */
                            email: string | null;
                            /** @enum {string} */
                            via: "email";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        name: string;
                        page?: {
                            referrer?: string;
                            url: string;
                        };
                        text: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the contact's credential: send it as x-contact-token */
                            contactToken: string;
                            conversation: components["schemas"]["SupportConversation"];
                            message: {
                                id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the name of the agent typing now */
                            agentTyping: string | null;
                            conversation: {
                                /** @description agents' replies go to the contact's address while away */
                                emailReplies: boolean;
                                id: string;
                                /** @description the last message the contact has seen */
                                seenSeq: number;
                                status: "pending" | "open" | "resolved";
                            };
                            messages: components["schemas"]["WidgetMessage"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        page?: {
                            referrer?: string;
                            url: string;
                        };
                        text: string;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: components["schemas"]["SupportConversation"];
                            message: {
                                /** @description milliseconds since the epoch */
                                createdAt: number;
                                id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/seen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        through?: number;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seenSeq: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        typing: boolean;
                    };
                };
            };
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description always true */
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description an error */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description an error */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description stable, listed in docs/API.md; switch on this, not on the message */
                                code: string;
                                /** @description the body, query or path field at fault */
                                field?: string;
                                /** @description for a developer reading a log; not for end users */
                                message: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inboxName: string;
                            online: boolean;
                            text: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description every account setting (PRF-1 … PRF-17) */
        AccountPreferences: {
            autoAway: boolean;
            /** @enum {unknown} */
            bannerSeconds: 5 | 10 | 20 | 30 | "until_closed";
            /** @enum {unknown} */
            callSound: "classic" | "digital" | "soft" | "none";
            /** @enum {unknown} */
            desktop: "all" | "mentions" | "nothing";
            /** @enum {unknown} */
            email: "all" | "mentions" | "nothing";
            /** @enum {unknown} */
            emailDelivery: "immediately" | "batched_2m" | "batched_15m" | "batched_1h";
            idleSeconds: number;
            keywords: string[];
            loginEmails: boolean;
            mobileDifferent: boolean;
            /** @enum {unknown} */
            push: "all" | "mentions" | "nothing";
            /** @enum {unknown} */
            pushWhen: "inactive" | "always" | "offline";
            quietHours: {
                day: number;
                end: string;
                start: string;
            }[];
            showBadge: boolean;
            /** @enum {unknown} */
            sound: "chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none";
            threadReplies: {
                desktop: boolean;
                email: boolean;
                push: boolean;
            };
            volume: number;
        };
        /** @description the workspace settings (PRV-1 … PRV-10) */
        AdminSettings: {
            /** @enum {unknown} */
            bannerContent: "full" | "generic" | "generic_no_room";
            callRinging: boolean;
            defaults: {
                account: components["schemas"]["AccountPreferences"];
                agent: components["schemas"]["AgentPreferences"];
                room: components["schemas"]["RoomPreferences"];
            };
            /** @enum {unknown} */
            emailContent: "full" | "generic";
            loginEmails: boolean;
            /** @enum {unknown} */
            pushContent: "full" | "generic" | "generic_no_room" | "id_only";
            requireVerifiedEmail: boolean;
            restrictGroupMentionsAbove: number | null;
            roomInactivitySeconds: number;
            siteName: string;
        };
        /** @description every support agent setting (PRF-40 … PRF-50) */
        AgentPreferences: {
            audioMaster: boolean;
            /** @enum {unknown} */
            audioScope: "none" | "assigned" | "all";
            desktopMaster: boolean;
            email: {
                assigned_conversation_message: boolean;
                conversation_assigned: boolean;
                conversation_created: boolean;
                conversation_mention: boolean;
                participating_conversation_message: boolean;
                pending_contact: boolean;
            };
            messages: {
                alsoWhenFocused: boolean;
                audio: boolean;
                /** @enum {unknown} */
                bannerSeconds: 5 | 10 | 20 | 30 | "until_closed";
                /** @enum {unknown} */
                click: "open" | "pickup" | "focus";
                desktop: boolean;
                loop: boolean;
                /** @enum {unknown} */
                tone: "classic" | "digital" | "soft";
            };
            pending: {
                alsoWhenFocused: boolean;
                audio: boolean;
                /** @enum {unknown} */
                bannerSeconds: 5 | 10 | 20 | 30 | "until_closed";
                /** @enum {unknown} */
                click: "open" | "pickup" | "focus";
                desktop: boolean;
                loop: boolean;
                /** @enum {unknown} */
                tone: "classic" | "digital" | "soft";
            };
            push: {
                assigned_conversation_message: boolean;
                conversation_assigned: boolean;
                conversation_created: boolean;
                conversation_mention: boolean;
                participating_conversation_message: boolean;
                pending_contact: boolean;
            };
            remindUnread: boolean;
        };
        /** @description the unread badge and each room's counts */
        Badge: {
            /** @description the dot badge (BDG-3) */
            dot: boolean;
            /** @description per room id */
            rooms: {
                [key: string]: {
                    mentions: number;
                    threads: number;
                    unread: number;
                };
            };
            /** @description the numbered badge (BDG-2) */
            total: number;
        };
        Call: {
            /** @description milliseconds since the epoch */
            answeredAt: number | null;
            callerId: string;
            /** @description milliseconds since the epoch */
            endedAt: number | null;
            id: string;
            members: {
                /** @description this member's part: ringing, answered, declined, missed or left */
                state: string;
                userId: string;
            }[];
            roomId: string;
            /** @description milliseconds since the epoch */
            startedAt: number;
            state: "ringing" | "ongoing" | "ended";
        };
        CannedReply: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            shortcut: string;
            text: string;
            /** @description milliseconds since the epoch */
            updatedAt: number;
        };
        FailedDelivery: {
            attempts: number;
            channel: "push" | "email";
            /** @description milliseconds since the epoch */
            createdAt: number;
            /** @description milliseconds since the epoch */
            failedAt: number;
            id: string;
            kind: string;
            messageId: string | null;
            reason: string | null;
            roomId: string | null;
            userId: string | null;
        };
        MentionHint: {
            /** @enum {string} */
            code: "not_in_room";
            username: string;
        } & {
            [key: string]: unknown;
        };
        Message: {
            alsoInRoom: boolean;
            /** @description milliseconds since the epoch */
            createdAt: number;
            /** @description milliseconds since the epoch */
            deletedAt: number | null;
            /** @description milliseconds since the epoch */
            editedAt: number | null;
            /** @description files sent with the message; absent when none */
            files?: components["schemas"]["MessageFile"][];
            id: string;
            inRoom: boolean;
            kind: "user" | "system";
            /** @description milliseconds since the epoch */
            lastReplyAt?: number | null;
            mentions: components["schemas"]["MessageMentions"];
            replyCount?: number;
            roomId: string;
            senderId: string | null;
            seq: number;
            text: string;
            threadRootId: string | null;
            threadSeq: number | null;
        } & {
            [key: string]: unknown;
        };
        MessageFile: {
            id: string;
            /** @description the name the sender gave it */
            name: string;
            /** @description bytes */
            size: number;
            /** @description media type read from the content */
            type: string;
        };
        /** @description what the message notified by name and group; never anyone's keywords */
        MessageMentions: {
            /** @description @all or @channel */
            all: boolean;
            /** @description @here */
            here: boolean;
            /** @description members mentioned by name, in order of first appearance */
            users: {
                id: string;
                username: string;
            }[];
        };
        /** @description a room I am a member of, with my unread state and settings */
        MyRoom: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            createdBy: string | null;
            id: string;
            /** @description channel (public), group (private), dm, gdm (group DM) or conversation (support) */
            kind: "channel" | "group" | "dm" | "gdm" | "conversation";
            /** @description my read position in the room sequence */
            lastReadSeq: number;
            /** @description the room sequence of its newest message */
            lastSeq: number;
            memberCount: number;
            /** @description unread messages that mention me */
            mentions?: number;
            /** @description for a dm or gdm, its members' usernames */
            name: string;
            /** @description my settings for the room, as GET /rooms/{id}/preferences answers them */
            preferences: {
                defaults: components["schemas"]["RoomPreferences"];
                effective: components["schemas"]["RoomPreferences"];
                /** @description only the choices saved; a key absent here follows the default */
                saved: {
                    [key: string]: unknown;
                };
            };
            /** @description unread replies in threads I follow */
            threads?: number;
            topic: string;
            /** @description unread messages */
            unread?: number;
        };
        /** @description my presence choice and do not disturb (PRS-1, PRS-5) */
        MyStatus: {
            dnd: {
                /** @description do not disturb now */
                on: boolean;
                /** @description milliseconds since the epoch */
                until: number | null;
            };
            /** @description what I chose; auto follows my activity */
            presence: "auto" | "away" | "invisible";
        };
        /** @description an inbox item */
        NotificationItem: {
            /** @description who caused it (sender, caller, contact) */
            actorId: string | null;
            callId: string | null;
            /** @description support items only */
            contactName?: string | null;
            conversationId: string | null;
            /** @description milliseconds since the epoch */
            createdAt: number;
            /** @description a support event type or missed_call; null for messages */
            event: string | null;
            id: string;
            messageId: string | null;
            /** @description the message's first line, plain text */
            preview: string | null;
            read: boolean;
            roomId: string | null;
            /** @description milliseconds since the epoch */
            snoozedUntil: number | null;
            /** @description the thread's root message */
            threadId: string | null;
            /**
             * @description what put it in the inbox: a group item is an @all or @here
             * @enum {unknown}
             */
            type: "dm" | "mention" | "keyword" | "thread" | "group" | "support" | "call";
        };
        /** @description a public channel in the Browse channels list */
        PublicRoom: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            createdBy: string | null;
            id: string;
            /** @description channel (public), group (private), dm, gdm (group DM) or conversation (support) */
            kind: "channel" | "group" | "dm" | "gdm" | "conversation";
            /** @description the room sequence of its newest message */
            lastSeq: number;
            /** @description whether I am a member */
            member: boolean;
            memberCount: number;
            /** @description for a dm or gdm, its members' usernames */
            name: string;
            topic: string;
        };
        PushDevice: {
            /** @description native devices: the app's bundle id or Firebase app */
            appId?: string;
            /** @description milliseconds since the epoch */
            createdAt: number;
            deviceId: string;
            deviceKind: "desktop" | "mobile" | "web";
            environment?: "production" | "sandbox";
            id: string;
            /** @description the last push the device accepted */
            lastUsedAt: number | null;
            name: string | null;
            platform: "webpush" | "webhook" | "apns" | "fcm";
        };
        PushSubscription: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            deviceId: string;
            deviceKind: "desktop" | "mobile" | "web";
            /** @description the push endpoint, the webhook URL or the native device token */
            endpoint: string;
            id: string;
            type: "webpush" | "webhook" | "apns" | "fcm";
        };
        /** @description a room */
        Room: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            createdBy: string | null;
            id: string;
            /** @description channel (public), group (private), dm, gdm (group DM) or conversation (support) */
            kind: "channel" | "group" | "dm" | "gdm" | "conversation";
            /** @description the room sequence of its newest message */
            lastSeq: number;
            memberCount: number;
            /** @description for a dm or gdm, its members' usernames */
            name: string;
            topic: string;
        };
        /** @description every room setting (PRF-30 … PRF-35) */
        RoomPreferences: {
            alerts: boolean;
            /** @enum {unknown} */
            desktop: "default" | "all" | "mentions" | "nothing";
            /** @enum {unknown} */
            email: "default" | "all" | "mentions" | "nothing";
            markUnread: boolean;
            muteGroupMentions: boolean;
            /** @enum {unknown} */
            push: "default" | "all" | "mentions" | "nothing";
            snooze: {
                /** @description null: until I unsnooze */
                until: number | null;
            } | null;
            /** @enum {unknown} */
            sound: "chime" | "ding" | "pop" | "marimba" | "bell" | "glass" | "none" | "default";
        };
        StoredEmail: {
            /** @description milliseconds since the epoch */
            createdAt: number;
            from: string;
            headers: {
                [key: string]: string;
            };
            html: string;
            kind: string;
            messageId: string;
            subject: string;
            text: string;
            to: string;
            userId?: string;
        };
        SupportConversation: {
            assigneeId: string | null;
            contact?: {
                email: string | null;
                name: string;
            };
            contactId: string;
            contactLeft: boolean;
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            inboxId: string;
            roomId: string;
            status: "pending" | "open" | "resolved";
            /** @description milliseconds since the epoch */
            updatedAt: number;
            /** @description pending only: when the contact started waiting */
            waitingSince?: number;
        };
        SupportConversationDetail: {
            assigneeId: string | null;
            contact?: {
                email: string | null;
                name: string;
            };
            contactId: string;
            contactLeft: boolean;
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            inboxId: string;
            participantIds: string[];
            roomId: string;
            status: "pending" | "open" | "resolved";
            /** @description milliseconds since the epoch */
            updatedAt: number;
            /** @description pending only: when the contact started waiting */
            waitingSince?: number;
        };
        SupportConversationSummary: {
            assigneeId: string | null;
            contact?: {
                email: string | null;
                name: string;
            };
            contactId: string;
            contactLeft: boolean;
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            inboxId: string;
            lastMessage: components["schemas"]["SupportLastMessage"] | (never | null);
            roomId: string;
            status: "pending" | "open" | "resolved";
            /** @description messages the caller has not read */
            unread: number;
            /** @description milliseconds since the epoch */
            updatedAt: number;
            /** @description pending only: when the contact started waiting */
            waitingSince?: number;
        };
        SupportInbox: {
            agentIds: string[];
            id: string;
            /** @description the widget key; admins only */
            key?: string | null;
            /** @description the first characters of the widget key */
            keyPrefix: string;
            name: string;
        };
        SupportLastMessage: {
            author: "agent" | "contact";
            /** @description milliseconds since the epoch */
            createdAt: number;
            private: boolean;
            senderName: string | null;
            text: string;
        };
        SupportMessage: {
            author: "agent" | "contact";
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            private: boolean;
            senderId: string | null;
            senderName: string | null;
            seq: number;
            text: string;
        };
        /** @description a person with an account */
        User: {
            /** @description false: deactivated by an admin */
            active: boolean;
            displayName: string;
            /** @description the user themself and admins only */
            email?: string | null;
            /** @description the user themself and admins only */
            emailVerified?: boolean;
            id: string;
            role: "admin" | "agent" | "member";
            /** @description IANA time zone */
            timezone: string;
            /** @description the zone follows the browser (the user themself and admins only) */
            timezoneAuto?: boolean;
            username: string;
        };
        WidgetMessage: {
            author: "contact" | "agent";
            /** @description milliseconds since the epoch */
            createdAt: number;
            id: string;
            /** @description the agent's name; null for the contact's own */
            senderName: string | null;
            seq: number;
            text: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
