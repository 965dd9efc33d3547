/**
 * A library of demo scene generators for the seeded storefront.
 *
 * Every generator returns a scene written the way the Bazaar editor writes
 * them: a TSX *string* whose only globals are `window.Remotion` and `React`,
 * with a default-exported component. Parameters (texts, palettes) are baked in
 * as JSON literals at the top of the code, so the result is self-contained and
 * stays editable in the editor. Scenes size everything from `useVideoConfig()`
 * so the same code works in landscape, portrait and square.
 *
 * Conventions for the code strings below: no backticks, no `${`, and no
 * backslashes inside the scene code (it lives inside a TS template literal).
 */

export interface SceneSpec {
	title: string
	tsxCode: string
	duration: number
	previewFrame: number
}

const SANS = "Inter, 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
const SERIF = "Georgia, 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif"
const MONO = "'SF Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace"

const j = (value: unknown) => JSON.stringify(value)
const clampInt = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)))

function scene(title: string, duration: number, previewFrame: number, body: string): SceneSpec {
	return { title, duration, previewFrame: clampInt(previewFrame, 0, duration - 1), tsxCode: body.trim() + '\n' }
}

// ---------------------------------------------------------------------------
// 1. Kinetic gradient title reveal
// ---------------------------------------------------------------------------

export interface KineticTitleOptions {
	name?: string
	title?: string
	subtitle?: string
	eyebrow?: string
	colors?: [string, string, string]
	duration?: number
}

export function kineticTitle(o: KineticTitleOptions = {}): SceneSpec {
	const title = o.title ?? 'Make Something Bold'
	const duration = o.duration ?? 120
	return scene(
		o.name ?? 'Title reveal',
		duration,
		duration - 26,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(title)};
const SUBTITLE = ${j(o.subtitle ?? 'A fresh start for your next story')};
const EYEBROW = ${j(o.eyebrow ?? '')};
const COLORS = ${j(o.colors ?? ['#4f46e5', '#db2777', '#f59e0b'])};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height, durationInFrames } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const words = TITLE.split(' ');
  const longest = Math.max(...words.map((w) => w.length));
  const fontSize = Math.min(u * (portrait ? 17 : 14), (width * 0.84) / (longest * 0.66));
  const angle = 125 + frame * 0.45;
  const background = 'linear-gradient(' + angle + 'deg, ' + COLORS[0] + ' 0%, ' + COLORS[1] + ' 55%, ' + COLORS[2] + ' 100%)';
  const drift = Math.sin(frame / 38) * u * 6;
  const letterCount = TITLE.replace(/ /g, '').length;
  const lettersDone = 10 + letterCount * 1.6;
  const exit = interpolate(frame, [durationInFrames - 16, durationInFrames - 1], [0, 1], { ...clamp, easing: Easing.in(Easing.cubic) });
  const eyebrowIn = interpolate(frame, [0, 16], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const subIn = spring({ frame: frame - lettersDone, fps, config: { damping: 200 } });
  const lineIn = interpolate(frame, [lettersDone - 8, lettersDone + 16], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  let index = 0;

  return (
    <AbsoluteFill style={{ background, overflow: 'hidden', fontFamily: FONT }}>
      <div style={{ position: 'absolute', width: u * 80, height: u * 80, left: -u * 20 + drift, top: -u * 28, borderRadius: '50%', background: COLORS[2], filter: 'blur(' + u * 14 + 'px)', opacity: 0.55 }} />
      <div style={{ position: 'absolute', width: u * 70, height: u * 70, right: -u * 16 - drift, bottom: -u * 26, borderRadius: '50%', background: COLORS[0], filter: 'blur(' + u * 14 + 'px)', opacity: 0.65 }} />
      <AbsoluteFill style={{ backgroundImage: 'linear-gradient(rgba(255,255,255,0.07) 1px, transparent 1px), linear-gradient(90deg, rgba(255,255,255,0.07) 1px, transparent 1px)', backgroundSize: u * 8 + 'px ' + u * 8 + 'px', backgroundPosition: 'center' }} />
      <AbsoluteFill style={{ background: 'radial-gradient(ellipse at center, transparent 40%, rgba(0,0,0,0.28) 100%)' }} />
      <AbsoluteFill style={{ boxSizing: 'border-box', alignItems: 'center', justifyContent: 'center', padding: u * 6, opacity: 1 - exit, transform: 'translateY(' + -exit * u * 6 + 'px) scale(' + (1 - exit * 0.04) + ')' }}>
        {EYEBROW ? (
          <div style={{ opacity: eyebrowIn, transform: 'translateY(' + (1 - eyebrowIn) * u * 3 + 'px)', color: 'white', fontSize: u * (portrait ? 3.6 : 2.6), letterSpacing: '0.32em', textTransform: 'uppercase', fontWeight: 700, marginBottom: u * 3.5, padding: u * 1.1 + 'px ' + u * 2.6 + 'px', border: '2px solid rgba(255,255,255,0.45)', borderRadius: 999, background: 'rgba(255,255,255,0.12)' }}>
            {EYEBROW}
          </div>
        ) : null}
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'center', columnGap: fontSize * 0.26, maxWidth: width * 0.9 }}>
          {words.map((word, w) => (
            <span key={w} style={{ display: 'inline-flex', overflow: 'hidden', padding: '0.04em 0.03em 0.1em' }}>
              {word.split('').map((ch, c) => {
                const i = index++;
                const f = frame - 8 - i * 1.6;
                const s = spring({ frame: f, fps, config: { damping: 13, stiffness: 150, mass: 0.7 } });
                return (
                  <span key={c} style={{ display: 'inline-block', fontSize, fontWeight: 800, lineHeight: 1.04, letterSpacing: '-0.02em', color: 'white', transform: 'translateY(' + (1 - s) * 110 + '%) rotate(' + (1 - s) * 14 + 'deg)', opacity: interpolate(f, [0, 5], [0, 1], clamp), textShadow: '0 0.05em 0.22em rgba(0,0,0,0.25)' }}>
                    {ch}
                  </span>
                );
              })}
            </span>
          ))}
        </div>
        <div style={{ width: u * 26 * lineIn, height: u * 0.9, borderRadius: u, marginTop: u * 2.4, background: 'linear-gradient(90deg, rgba(255,255,255,0.2), white, rgba(255,255,255,0.2))', boxShadow: '0 0 ' + u * 2 + 'px rgba(255,255,255,0.6)' }} />
        <div style={{ marginTop: u * 3, color: 'rgba(255,255,255,0.92)', fontSize: u * (portrait ? 5.4 : 3.8), fontWeight: 500, textAlign: 'center', maxWidth: width * 0.8, opacity: subIn, transform: 'translateY(' + (1 - subIn) * u * 4 + 'px)', letterSpacing: '0.01em' }}>
          {SUBTITLE}
        </div>
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 2. Logo reveal: shapes converge, ring burst, wordmark wipes in
// ---------------------------------------------------------------------------

export interface LogoRevealOptions {
	name?: string
	brand?: string
	tagline?: string
	colors?: { bg1?: string; bg2?: string; a?: string; b?: string; c?: string; text?: string }
}

export function logoReveal(o: LogoRevealOptions = {}): SceneSpec {
	const colors = { bg1: '#0b1020', bg2: '#1e2a5a', a: '#6366f1', b: '#22d3ee', c: '#f472b6', text: '#ffffff', ...o.colors }
	return scene(
		o.name ?? 'Logo reveal',
		150,
		112,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const BRAND = ${j(o.brand ?? 'Northwind')};
const TAGLINE = ${j(o.tagline ?? 'Ideas in motion')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const row = width > height * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const portrait = height > width * 1.2;
  const M = u * (row ? 24 : portrait ? 40 : 30);
  const enter = (delay) => spring({ frame: frame - delay, fps, config: { damping: 14, stiffness: 110, mass: 0.9 } });
  const a = enter(0);
  const b = enter(6);
  const c = enter(12);
  const spin = interpolate(frame, [6, 40], [-200, 45], { ...clamp, easing: Easing.out(Easing.cubic) });
  const burst = interpolate(frame, [28, 64], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const thump = frame < 28 ? 1 : 1 + 0.08 * Math.exp(-(frame - 28) / 5) * Math.cos((frame - 28) / 1.6);
  const reveal = interpolate(frame, [44, 78], [0, 1], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const tag = interpolate(frame, [72, 100], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const fs = row ? Math.min(u * 13, (width * 0.5) / (BRAND.length * 0.62)) : Math.min(u * (portrait ? 18 : 14), (width * 0.84) / (BRAND.length * 0.62));
  const sweep = interpolate(frame, [0, 150], [-30, 130]);

  const rings = [0, 1, 2].map((k) => {
    const p = interpolate(frame, [28 + k * 5, 70 + k * 5], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
    const size = M * (1.05 + p * (1.4 + k * 0.55));
    return (
      <div key={k} style={{ position: 'absolute', left: '50%', top: '50%', width: size, height: size, marginLeft: -size / 2, marginTop: -size / 2, borderRadius: '50%', border: Math.max(0.5, u * 0.7 * (1 - p)) + 'px solid ' + [C.a, C.b, C.c][k], opacity: frame < 28 + k * 5 ? 0 : (1 - p) * 0.9 }} />
    );
  });
  const sparks = new Array(12).fill(0).map((_, k) => {
    const ang = (k / 12) * Math.PI * 2;
    const d = M * (0.7 + burst * 1.3);
    const s = u * 1.1 * (1 - burst);
    return <div key={k} style={{ position: 'absolute', left: '50%', top: '50%', width: s, height: s, marginLeft: Math.cos(ang) * d - s / 2, marginTop: Math.sin(ang) * d - s / 2, borderRadius: '50%', background: k % 2 ? C.b : C.c, opacity: frame < 28 ? 0 : 1 - burst, boxShadow: '0 0 ' + u + 'px ' + C.b }} />;
  });

  const mark = (
    <div style={{ position: 'relative', width: M, height: M, flexShrink: 0, transform: 'scale(' + thump + ')' }}>
      {rings}
      {sparks}
      <div style={{ position: 'absolute', inset: 0, borderRadius: '50%', background: 'linear-gradient(140deg, ' + C.a + ', ' + C.b + ')', boxShadow: '0 ' + u * 2 + 'px ' + u * 6 + 'px rgba(0,0,0,0.45), 0 0 ' + u * 8 * burst + 'px ' + C.a, transform: 'translate(' + -(1 - a) * width * 0.7 + 'px, 0px) scale(' + (0.4 + a * 0.6) + ')', opacity: Math.min(1, a * 2) }} />
      <div style={{ position: 'absolute', left: M * 0.2, top: M * 0.2, width: M * 0.6, height: M * 0.6, borderRadius: M * 0.14, background: 'linear-gradient(160deg, ' + C.c + ', ' + C.a + ')', mixBlendMode: 'screen', transform: 'translate(' + (1 - b) * width * 0.6 + 'px, ' + -(1 - b) * height * 0.6 + 'px) rotate(' + spin + 'deg)', opacity: Math.min(1, b * 2) }} />
      <div style={{ position: 'absolute', left: M * 0.4, top: M * 0.4, width: M * 0.2, height: M * 0.2, borderRadius: '50%', background: C.text, boxShadow: '0 0 ' + u * 3 + 'px ' + C.text, transform: 'translateY(' + (1 - c) * height * 0.7 + 'px) scale(' + c + ')' }} />
    </div>
  );

  const estimate = BRAND.length * fs * 0.72 + u * 6;
  return (
    <AbsoluteFill style={{ background: 'radial-gradient(circle at 50% 42%, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 70%)', fontFamily: FONT, overflow: 'hidden' }}>
      <AbsoluteFill style={{ background: 'linear-gradient(100deg, rgba(255,255,255,0) ' + (sweep - 30) + '%, rgba(255,255,255,0.05) ' + sweep + '%, rgba(255,255,255,0) ' + (sweep + 30) + '%)' }} />
      <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center' }}>
        <div style={{ display: 'flex', flexDirection: row ? 'row' : 'column', alignItems: 'center' }}>
          {mark}
          <div style={row ? { maxWidth: estimate * reveal, overflow: 'hidden', paddingLeft: u * 5 * reveal } : { marginTop: u * (portrait ? 9 : 7), opacity: reveal, transform: 'translateY(' + (1 - reveal) * u * 5 + 'px)' }}>
            <div style={{ display: 'flex', flexDirection: 'column', alignItems: row ? 'flex-start' : 'center', whiteSpace: 'nowrap', transform: row ? 'translateX(' + -(1 - reveal) * u * 12 + 'px)' : 'none' }}>
              <div style={{ fontSize: fs, fontWeight: 800, color: C.text, letterSpacing: '-0.03em', lineHeight: 1.05 }}>{BRAND}</div>
              <div style={{ marginTop: u * 1.6, fontSize: Math.max(u * 2.4, fs * 0.2), fontWeight: 600, textTransform: 'uppercase', color: C.b, letterSpacing: interpolate(tag, [0, 1], [0.7, 0.34]) + 'em', opacity: tag }}>{TAGLINE}</div>
            </div>
          </div>
        </div>
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 3. Animated counter / stat with a progress bar
// ---------------------------------------------------------------------------

export interface StatCounterOptions {
	name?: string
	value?: number
	decimals?: number
	prefix?: string
	suffix?: string
	label?: string
	caption?: string
	percent?: number
	badge?: string
	colors?: { bg1?: string; bg2?: string; accent?: string; accent2?: string; text?: string }
}

export function statCounter(o: StatCounterOptions = {}): SceneSpec {
	const colors = { bg1: '#06141b', bg2: '#0f2f3a', accent: '#2dd4bf', accent2: '#a3e635', text: '#ffffff', ...o.colors }
	return scene(
		o.name ?? 'Stat counter',
		120,
		100,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const VALUE = ${j(o.value ?? 128450)};
const DECIMALS = ${j(o.decimals ?? 0)};
const PREFIX = ${j(o.prefix ?? '')};
const SUFFIX = ${j(o.suffix ?? '')};
const LABEL = ${j(o.label ?? 'Active creators')};
const CAPTION = ${j(o.caption ?? 'Goal for this year')};
const PERCENT = ${j(o.percent ?? 78)};
const BADGE = ${j(o.badge ?? '+24% vs last year')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

function format(n) {
  const fixed = n.toFixed(DECIMALS);
  const parts = fixed.split('.');
  const digits = parts[0];
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return parts.length > 1 ? out + '.' + parts[1] : out;
}

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const count = interpolate(frame, [12, 78], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const bar = interpolate(frame, [20, 86], [0, PERCENT / 100], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const intro = spring({ frame, fps, config: { damping: 200 } });
  const badge = spring({ frame: frame - 76, fps, config: { damping: 10, stiffness: 160 } });
  const finalText = PREFIX + format(VALUE) + SUFFIX;
  const k = portrait ? 1.35 : 1;
  const numberSize = Math.min(u * (portrait ? 30 : 22), (width * 0.86) / (finalText.length * 0.6));
  const barWidth = Math.min(width * 0.8, u * 110);
  const shimmer = ((frame * 2.2) % 140) - 20;

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(160deg, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 70%)', fontFamily: FONT, overflow: 'hidden', color: C.text }}>
      <AbsoluteFill style={{ backgroundImage: 'linear-gradient(rgba(255,255,255,0.05) 1px, transparent 1px), linear-gradient(90deg, rgba(255,255,255,0.05) 1px, transparent 1px)', backgroundSize: u * 6 + 'px ' + u * 6 + 'px', transform: 'translateY(' + ((frame * 0.4) % (u * 6)) + 'px)' }} />
      <div style={{ position: 'absolute', left: '50%', top: '46%', width: u * 90, height: u * 90, marginLeft: -u * 45, marginTop: -u * 45, borderRadius: '50%', background: C.accent, opacity: 0.16, filter: 'blur(' + u * 12 + 'px)' }} />
      <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center', opacity: intro }}>
        <div style={{ fontSize: u * 3 * k, fontWeight: 700, letterSpacing: '0.3em', textTransform: 'uppercase', color: C.accent, transform: 'translateY(' + (1 - intro) * u * 3 + 'px)' }}>{LABEL}</div>
        <div style={{ fontSize: numberSize, fontWeight: 800, lineHeight: 1.1, letterSpacing: '-0.03em', fontVariantNumeric: 'tabular-nums', margin: u * 1.5 + 'px 0 ' + u * 3 + 'px', backgroundImage: 'linear-gradient(180deg, ' + C.text + ' 30%, ' + C.accent + ' 130%)', WebkitBackgroundClip: 'text', backgroundClip: 'text', color: 'transparent', filter: 'drop-shadow(0 ' + u * 0.6 + 'px ' + u * 2 + 'px rgba(0,0,0,0.4))' }}>
          {PREFIX + format(VALUE * count) + SUFFIX}
        </div>
        <div style={{ width: barWidth }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: u * 2.6 * k, color: 'rgba(255,255,255,0.75)', marginBottom: u * 1.4, fontWeight: 500 }}>
            <span>{CAPTION}</span>
            <span style={{ fontWeight: 700, color: C.text, fontVariantNumeric: 'tabular-nums' }}>{Math.round(bar * 100)}%</span>
          </div>
          <div style={{ position: 'relative', height: u * 2.6 * k, borderRadius: u * 2, background: 'rgba(255,255,255,0.1)', overflow: 'hidden', boxShadow: 'inset 0 0 0 1px rgba(255,255,255,0.12)' }}>
            <div style={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: bar * 100 + '%', borderRadius: u * 2, background: 'linear-gradient(90deg, ' + C.accent + ', ' + C.accent2 + ')', boxShadow: '0 0 ' + u * 3 + 'px ' + C.accent }} />
            <div style={{ position: 'absolute', top: 0, bottom: 0, left: shimmer + '%', width: '12%', background: 'linear-gradient(90deg, transparent, rgba(255,255,255,0.35), transparent)', clipPath: 'inset(0 0 0 0)', opacity: bar > 0.05 ? 1 : 0, maxWidth: bar * barWidth }} />
            {[25, 50, 75].map((t) => (
              <div key={t} style={{ position: 'absolute', left: t + '%', top: '20%', bottom: '20%', width: 2, background: 'rgba(255,255,255,0.25)' }} />
            ))}
          </div>
        </div>
        <div style={{ marginTop: u * 4, padding: u * 1.2 + 'px ' + u * 2.6 + 'px', borderRadius: 999, background: 'rgba(255,255,255,0.1)', border: '1px solid rgba(255,255,255,0.25)', fontSize: u * 2.6 * k, fontWeight: 700, color: C.accent2, transform: 'scale(' + badge + ')', opacity: Math.min(1, badge * 1.5) }}>
          {BADGE}
        </div>
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 4. Lower third: name + role bar sliding in and out over soft "footage"
// ---------------------------------------------------------------------------

export interface LowerThirdOptions {
	name?: string
	person?: string
	role?: string
	tag?: string
	colors?: { accent?: string; accent2?: string; panel?: string; ink?: string; bg1?: string; bg2?: string }
}

export function lowerThird(o: LowerThirdOptions = {}): SceneSpec {
	const colors = { accent: '#f97316', accent2: '#facc15', panel: '#ffffff', ink: '#111827', bg1: '#1f2937', bg2: '#4b5563', ...o.colors }
	return scene(
		o.name ?? 'Lower third',
		150,
		80,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, Easing, random } = window.Remotion;

const NAME = ${j(o.person ?? 'Jordan Ellis')};
const ROLE = ${j(o.role ?? 'Head of Design, Northwind')};
const TAG = ${j(o.tag ?? '')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { width, height, durationInFrames } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const inP = (d) => interpolate(frame, [d, d + 18], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const outStart = durationInFrames - 30;
  const outP = (d) => interpolate(frame, [outStart + d, outStart + d + 14], [0, 1], { ...clamp, easing: Easing.in(Easing.cubic) });
  const bar = inP(4) * (1 - outP(12));
  const nameIn = inP(10);
  const nameOut = outP(4);
  const roleIn = inP(18);
  const roleOut = outP(0);
  const nameFs = Math.min(u * (portrait ? 8.5 : 5.8), (width * 0.74) / (NAME.length * 0.58));
  const roleFs = Math.min(nameFs * 0.46, (width * 0.72) / (ROLE.length * 0.78));
  const left = width * (portrait ? 0.07 : 0.06);
  const bottom = height * (portrait ? 0.2 : 0.11);
  const camX = Math.sin(frame / 70) * u * 2;

  const bokeh = new Array(18).fill(0).map((_, i) => {
    const x = random('bx' + i) * 100;
    const y = 15 + random('by' + i) * 60;
    const r = u * (3 + random('br' + i) * 9);
    const drift = Math.sin(frame / (40 + random('bs' + i) * 40) + i) * u * 1.5;
    const hue = random('bh' + i) > 0.5 ? C.accent2 : '#93c5fd';
    return <div key={i} style={{ position: 'absolute', left: 'calc(' + x + '% + ' + (camX * (0.5 + random('bz' + i)) + drift) + 'px)', top: y + '%', width: r * 2, height: r * 2, marginLeft: -r, marginTop: -r, borderRadius: '50%', background: 'radial-gradient(circle, ' + hue + ' 0%, transparent 70%)', opacity: 0.18 + random('bo' + i) * 0.35, filter: 'blur(' + u * 0.6 + 'px)' }} />;
  });

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(170deg, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 75%)', fontFamily: FONT, overflow: 'hidden' }}>
      {bokeh}
      <div style={{ position: 'absolute', left: '50%', bottom: -u * 30, width: u * 120, height: u * 60, marginLeft: -u * 60 + camX * 2, borderRadius: '50%', background: 'rgba(0,0,0,0.35)', filter: 'blur(' + u * 6 + 'px)' }} />
      <AbsoluteFill style={{ background: 'radial-gradient(ellipse at center, transparent 45%, rgba(0,0,0,0.55) 100%)' }} />
      {TAG ? (
        <div style={{ position: 'absolute', top: u * 5, right: u * 5, display: 'flex', alignItems: 'center', gap: u * 1.2, padding: u * 0.9 + 'px ' + u * 2 + 'px', borderRadius: u * 0.8, background: 'rgba(0,0,0,0.45)', color: 'white', fontSize: u * 2.4, fontWeight: 800, letterSpacing: '0.18em', opacity: inP(0) * (1 - outP(14)) }}>
          <div style={{ width: u * 1.4, height: u * 1.4, borderRadius: '50%', background: '#ef4444', opacity: Math.floor(frame / 15) % 2 ? 0.35 : 1, boxShadow: '0 0 ' + u + 'px #ef4444' }} />
          {TAG}
        </div>
      ) : null}
      <div style={{ position: 'absolute', left, bottom, display: 'flex', alignItems: 'stretch', maxWidth: width * 0.88 }}>
        <div style={{ width: u * 1.1, marginRight: u * 1.2, borderRadius: u * 0.3, background: 'linear-gradient(180deg, ' + C.accent2 + ', ' + C.accent + ')', transform: 'scaleY(' + bar + ')', transformOrigin: 'bottom', boxShadow: '0 0 ' + u * 2 + 'px ' + C.accent }} />
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
          <div style={{ background: C.panel, padding: u * 1.4 + 'px ' + u * 3 + 'px', clipPath: 'inset(0 ' + (1 - nameIn) * 100 + '% 0 ' + nameOut * 100 + '%)', boxShadow: '0 ' + u + 'px ' + u * 3 + 'px rgba(0,0,0,0.3)' }}>
            <div style={{ fontSize: nameFs, fontWeight: 800, color: C.ink, letterSpacing: '-0.01em', whiteSpace: 'nowrap', transform: 'translateX(' + -(1 - nameIn) * u * 5 + 'px)' }}>{NAME}</div>
          </div>
          <div style={{ marginTop: u * 0.6, background: 'linear-gradient(90deg, ' + C.accent + ', ' + C.accent2 + ')', padding: u * 0.9 + 'px ' + u * 3 + 'px', clipPath: 'inset(0 ' + (1 - roleIn) * 100 + '% 0 ' + roleOut * 100 + '%)' }}>
            <div style={{ fontSize: roleFs, fontWeight: 700, color: C.ink, letterSpacing: '0.14em', textTransform: 'uppercase', whiteSpace: 'nowrap', transform: 'translateX(' + -(1 - roleIn) * u * 4 + 'px)' }}>{ROLE}</div>
          </div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 5. Orbiting shapes: seamless abstract background loop with a centered title
// ---------------------------------------------------------------------------

export interface OrbitLoopOptions {
	name?: string
	title?: string
	subtitle?: string
	colors?: { bg1?: string; bg2?: string; a?: string; b?: string; c?: string; text?: string }
	duration?: number
}

export function orbitLoop(o: OrbitLoopOptions = {}): SceneSpec {
	const colors = { bg1: '#070714', bg2: '#1b1240', a: '#a78bfa', b: '#38bdf8', c: '#fb7185', text: '#ffffff', ...o.colors }
	const duration = o.duration ?? 180
	return scene(
		o.name ?? 'Orbit loop',
		duration,
		64,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, Easing, random } = window.Remotion;

const TITLE = ${j(o.title ?? 'Orbit')};
const SUBTITLE = ${j(o.subtitle ?? 'Seamless motion background')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { width, height, durationInFrames } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const t = frame / durationInFrames;
  const uid = React.useId().replace(/[^a-zA-Z0-9]/g, '');
  const TAU = Math.PI * 2;
  const cx = width / 2;
  const cy = height / 2;
  const R = Math.min(width, height) * 0.42;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const intro = interpolate(frame, [0, 24], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const orbits = [
    { rx: R * 0.62, ry: R * 0.2, tilt: -22, speed: 2, color: C.a, phase: 0 },
    { rx: R * 0.86, ry: R * 0.3, tilt: 28, speed: 1, color: C.b, phase: 2 },
    { rx: R * 1.1, ry: R * 0.36, tilt: 72, speed: 1, color: C.c, phase: 4 },
  ];

  const dots = [];
  orbits.forEach((o, k) => {
    for (let n = 0; n < 3; n++) {
      const th = TAU * t * o.speed * (k % 2 ? -1 : 1) + o.phase + (n * TAU) / 3;
      const ex = Math.cos(th) * o.rx;
      const ey = Math.sin(th) * o.ry;
      const rad = (o.tilt * Math.PI) / 180;
      const x = cx + ex * Math.cos(rad) - ey * Math.sin(rad);
      const y = cy + ex * Math.sin(rad) + ey * Math.cos(rad);
      const depth = (Math.sin(th) + 1) / 2;
      const r = u * (0.8 + depth * 1.6) * (n === 0 ? 1.4 : 1);
      dots.push(<circle key={k + '-' + n} cx={x} cy={y} r={r} fill={o.color} opacity={0.45 + depth * 0.55} filter={'url(#glow' + uid + ')'} />);
    }
  });

  const shapes = new Array(14).fill(0).map((_, i) => {
    const bx = random('sx' + i) * width;
    const by = random('sy' + i) * height;
    const rr = u * (3 + random('sr' + i) * 6);
    const ph = random('sp' + i) * TAU;
    const x = bx + Math.cos(TAU * t + ph) * rr;
    const y = by + Math.sin(TAU * t + ph) * rr;
    const size = u * (1 + random('ss' + i) * 2.5);
    const rot = 360 * t * (i % 2 ? 1 : -1) + ph * 50;
    const kind = i % 3;
    const col = [C.a, C.b, C.c][i % 3];
    if (kind === 0) return <rect key={i} x={x - size / 2} y={y - size / 2} width={size} height={size} rx={size * 0.2} fill="none" stroke={col} strokeWidth={u * 0.25} opacity={0.5} transform={'rotate(' + rot + ' ' + x + ' ' + y + ')'} />;
    if (kind === 1) return <circle key={i} cx={x} cy={y} r={size / 2} fill="none" stroke={col} strokeWidth={u * 0.25} opacity={0.45} />;
    const h = size * 0.9;
    return <polygon key={i} points={x + ',' + (y - h / 1.5) + ' ' + (x + h / 1.5) + ',' + (y + h / 2.5) + ' ' + (x - h / 1.5) + ',' + (y + h / 2.5)} fill="none" stroke={col} strokeWidth={u * 0.25} opacity={0.5} transform={'rotate(' + rot + ' ' + x + ' ' + y + ')'} />;
  });

  const pulse = 1 + Math.sin(TAU * t * 3) * 0.04;
  const portrait = height > width * 1.2;
  const titleSize = Math.min(u * (portrait ? 19 : 15), (width * 0.8) / (Math.max(TITLE.length, 4) * 0.62));

  return (
    <AbsoluteFill style={{ background: 'radial-gradient(circle at 50% 50%, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 72%)', fontFamily: FONT, overflow: 'hidden' }}>
      <svg width={width} height={height} viewBox={'0 0 ' + width + ' ' + height} style={{ position: 'absolute', inset: 0, opacity: intro }}>
        <defs>
          <filter id={'glow' + uid} x="-200%" y="-200%" width="500%" height="500%">
            <feGaussianBlur stdDeviation={u * 0.6} result="b" />
            <feMerge><feMergeNode in="b" /><feMergeNode in="SourceGraphic" /></feMerge>
          </filter>
          <radialGradient id={'core' + uid} cx="50%" cy="50%" r="50%">
            <stop offset="0%" stopColor="#ffffff" stopOpacity="0.95" />
            <stop offset="35%" stopColor={C.a} stopOpacity="0.7" />
            <stop offset="100%" stopColor={C.bg2} stopOpacity="0" />
          </radialGradient>
        </defs>
        {shapes}
        {orbits.map((o, k) => (
          <ellipse key={k} cx={cx} cy={cy} rx={o.rx} ry={o.ry} fill="none" stroke={o.color} strokeOpacity={0.35} strokeWidth={u * 0.22} transform={'rotate(' + o.tilt + ' ' + cx + ' ' + cy + ')'} />
        ))}
        <circle cx={cx} cy={cy} r={R * 0.55 * pulse} fill={'url(#core' + uid + ')'} opacity={0.55} />
        <circle cx={cx} cy={cy} r={R * 0.32} fill="none" stroke="white" strokeOpacity={0.35} strokeWidth={u * 0.2} strokeDasharray={u * 0.8 + ' ' + u * 1.6} transform={'rotate(' + 360 * t + ' ' + cx + ' ' + cy + ')'} />
        {dots}
      </svg>
      <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center', textAlign: 'center', opacity: intro, transform: 'scale(' + (0.94 + intro * 0.06) + ')' }}>
        <div style={{ fontSize: titleSize, fontWeight: 800, color: C.text, letterSpacing: '-0.02em', lineHeight: 1, textShadow: '0 0 ' + u * 4 + 'px ' + C.a + ', 0 ' + u * 0.5 + 'px ' + u * 2 + 'px rgba(0,0,0,0.6)' }}>{TITLE}</div>
        {SUBTITLE ? <div style={{ marginTop: u * 2.4, fontSize: u * (portrait ? 4.2 : 3.2), fontWeight: 600, color: 'rgba(255,255,255,0.85)', letterSpacing: '0.28em', maxWidth: width * 0.9, textTransform: 'uppercase', textShadow: '0 ' + u * 0.3 + 'px ' + u * 1.5 + 'px rgba(0,0,0,0.8)' }}>{SUBTITLE}</div> : null}
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 6. Quote card with typewriter text
// ---------------------------------------------------------------------------

export interface QuoteTypewriterOptions {
	name?: string
	quote?: string
	author?: string
	role?: string
	colors?: { bg1?: string; bg2?: string; card?: string; ink?: string; accent?: string }
}

export function quoteTypewriter(o: QuoteTypewriterOptions = {}): SceneSpec {
	const quote = o.quote ?? 'Design is not just what it looks like and feels like. Design is how it works.'
	const colors = { bg1: '#fde68a', bg2: '#fca5a5', card: '#fffbf5', ink: '#1f2937', accent: '#e11d48', ...o.colors }
	const typeEnd = 14 + Math.ceil(quote.length / 1.6)
	const duration = clampInt(typeEnd + 70, 150, 240)
	return scene(
		o.name ?? 'Typewriter quote',
		duration,
		Math.min(duration - 12, typeEnd + 40),
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const QUOTE = ${j(quote)};
const AUTHOR = ${j(o.author ?? 'Steve Jobs')};
const ROLE = ${j(o.role ?? 'Co-founder, Apple')};
const C = ${j(colors)};
const SERIF = ${j(SERIF)};
const SANS = ${j(SANS)};
const TYPE_START = 14;
const TYPE_END = ${typeEnd};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const k = portrait ? 1.3 : 1;
  const cardW = Math.min(width * (portrait ? 0.88 : 0.8), u * 140);
  const textH = height * (portrait ? 0.4 : 0.36);
  const fs = Math.max(u * 3.6, Math.min(u * (portrait ? 9.5 : 6.8), Math.sqrt((textH * (cardW - u * 13)) / (QUOTE.length * 0.66))));
  const card = spring({ frame, fps, config: { damping: 16, stiffness: 110 } });
  const mark = spring({ frame: frame - 6, fps, config: { damping: 9, stiffness: 140 } });
  const shown = Math.floor(interpolate(frame, [TYPE_START, TYPE_END], [0, QUOTE.length], clamp));
  const typing = frame < TYPE_END + 4;
  const cursorOn = typing || Math.floor(frame / 15) % 2 === 0;
  const author = spring({ frame: frame - TYPE_END - 6, fps, config: { damping: 200 } });
  const line = interpolate(frame, [TYPE_END, TYPE_END + 20], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const initials = AUTHOR.split(' ').map((p) => p[0]).join('').slice(0, 2);
  const tilt = interpolate(card, [0, 1], [4, -1.2]);

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(135deg, ' + C.bg1 + ', ' + C.bg2 + ')', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      <AbsoluteFill style={{ backgroundImage: 'radial-gradient(rgba(0,0,0,0.09) ' + u * 0.25 + 'px, transparent ' + u * 0.3 + 'px)', backgroundSize: u * 3 + 'px ' + u * 3 + 'px' }} />
      <div style={{ position: 'relative', boxSizing: 'border-box', width: cardW, padding: u * (portrait ? 7 : 6) + 'px ' + u * 6.5 + 'px ' + u * 5.5 + 'px', background: C.card, borderRadius: u * 3, boxShadow: '0 ' + u * 3 + 'px ' + u * 8 + 'px rgba(0,0,0,0.22), 0 ' + u * 0.5 + 'px ' + u + 'px rgba(0,0,0,0.08)', transform: 'translateY(' + (1 - card) * height * 0.4 + 'px) rotate(' + tilt + 'deg)', opacity: Math.min(1, card * 1.6) }}>
        <div style={{ position: 'absolute', top: -u * 7, left: u * 4, width: u * 14, height: u * 14, borderRadius: '50%', background: C.accent, color: 'white', fontFamily: SERIF, fontSize: u * 16, lineHeight: u * 20 + 'px', textAlign: 'center', fontWeight: 700, boxShadow: '0 ' + u + 'px ' + u * 3 + 'px rgba(0,0,0,0.25)', transform: 'scale(' + mark + ') rotate(' + (1 - mark) * -40 + 'deg)' }}>{'“'}</div>
        <div style={{ fontFamily: SERIF, fontSize: fs, lineHeight: 1.38, color: C.ink, fontWeight: 500, marginTop: u * 2 }}>
          <span>{QUOTE.slice(0, shown)}</span>
          <span style={{ display: 'inline-block', width: Math.max(2, fs * 0.08), height: fs * 1.05, marginLeft: fs * 0.05, marginRight: -Math.max(2, fs * 0.08) - fs * 0.05, verticalAlign: 'text-bottom', background: C.accent, opacity: cursorOn ? 1 : 0 }} />
          <span style={{ opacity: 0 }}>{QUOTE.slice(shown)}</span>
        </div>
        <div style={{ height: u * 0.5, width: (cardW - u * 13) * line, background: 'linear-gradient(90deg, ' + C.accent + ', transparent)', margin: u * 3.5 + 'px 0 ' + u * 3 + 'px', borderRadius: u }} />
        <div style={{ display: 'flex', alignItems: 'center', gap: u * 2.4, opacity: author, transform: 'translateX(' + (1 - author) * u * 6 + 'px)', fontFamily: SANS }}>
          <div style={{ width: u * 9 * k, height: u * 9 * k, borderRadius: '50%', background: 'linear-gradient(135deg, ' + C.accent + ', ' + C.bg2 + ')', color: 'white', fontWeight: 800, fontSize: u * 3.4 * k, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{initials}</div>
          <div>
            <div style={{ fontSize: u * 3.6 * k, fontWeight: 800, color: C.ink }}>{AUTHOR}</div>
            <div style={{ fontSize: u * 2.6 * k, fontWeight: 500, color: C.ink, opacity: 0.6, marginTop: u * 0.4 }}>{ROLE}</div>
          </div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 7. Animated bar chart (vertical in landscape/square, horizontal in portrait)
// ---------------------------------------------------------------------------

export interface BarChartOptions {
	name?: string
	title?: string
	subtitle?: string
	data?: Array<{ label: string; value: number }>
	prefix?: string
	suffix?: string
	colors?: { bg1?: string; bg2?: string; bar1?: string; bar2?: string; highlight?: string; text?: string }
}

export function barChart(o: BarChartOptions = {}): SceneSpec {
	const colors = { bg1: '#0f172a', bg2: '#1e293b', bar1: '#6366f1', bar2: '#8b5cf6', highlight: '#f59e0b', text: '#f8fafc', ...o.colors }
	const data = o.data ?? [
		{ label: 'Jan', value: 42 },
		{ label: 'Feb', value: 58 },
		{ label: 'Mar', value: 51 },
		{ label: 'Apr', value: 74 },
		{ label: 'May', value: 88 },
		{ label: 'Jun', value: 69 },
	]
	const duration = 150
	return scene(
		o.name ?? 'Bar chart',
		duration,
		18 + data.length * 7 + 60,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(o.title ?? 'Monthly signups')};
const SUBTITLE = ${j(o.subtitle ?? 'First half of the year, in thousands')};
const DATA = ${j(data)};
const PREFIX = ${j(o.prefix ?? '')};
const SUFFIX = ${j(o.suffix ?? 'k')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

function niceStep(x) {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const steps = [1, 2, 2.5, 5, 10];
  for (let i = 0; i < steps.length; i++) if (steps[i] * p >= x) return steps[i] * p;
  return 10 * p;
}

function fmt(n) {
  const r = Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
  return PREFIX + r + SUFFIX;
}

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const horizontal = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const pad = u * 7;
  const head = spring({ frame, fps, config: { damping: 200 } });
  const gridIn = interpolate(frame, [6, 26], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const max = Math.max(...DATA.map((d) => d.value));
  const step = niceStep(max / 4);
  const top = step * Math.ceil((max * 1.08) / step);
  const best = DATA.findIndex((d) => d.value === max);
  const n = DATA.length;
  const chartTop = height * (horizontal ? 0.22 : 0.3);
  const chartBottom = height - pad * (horizontal ? 1.2 : 1.9);
  const chartLeft = pad + (horizontal ? 0 : u * 7);
  const chartRight = width - pad;
  const chartW = chartRight - chartLeft;
  const chartH = chartBottom - chartTop;
  const grow = (i) => spring({ frame: frame - 18 - i * 7, fps, config: { damping: 15, stiffness: 80 } });
  const labelFs = u * (horizontal ? 4.4 : 2.7);
  const valueChars = Math.max(...DATA.map((d) => fmt(d.value).length));
  const valueFs = horizontal ? labelFs * 1.05 : Math.min(labelFs * 1.1, (chartW / n) * 0.94 / (valueChars * 0.64));
  const barSpan = horizontal ? chartW - labelFs * 4 : chartW;
  const lines = [];
  for (let v = 0; v <= top + 0.0001; v += step) lines.push(v);

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(160deg, ' + C.bg2 + ', ' + C.bg1 + ')', fontFamily: FONT, color: C.text, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', right: -u * 20, top: -u * 25, width: u * 70, height: u * 70, borderRadius: '50%', background: C.bar2, opacity: 0.18, filter: 'blur(' + u * 10 + 'px)' }} />
      <div style={{ position: 'absolute', left: pad, top: pad * (horizontal ? 1.3 : 0.9), opacity: head, transform: 'translateY(' + (1 - head) * u * 3 + 'px)', maxWidth: width - pad * 2 }}>
        <div style={{ fontSize: u * (horizontal ? 8.5 : 6), fontWeight: 800, letterSpacing: '-0.02em', lineHeight: 1.1 }}>{TITLE}</div>
        <div style={{ fontSize: u * (horizontal ? 4.2 : 2.8), opacity: 0.65, marginTop: u * 1.2, fontWeight: 500 }}>{SUBTITLE}</div>
      </div>
      {lines.map((v, k) => {
        const p = v / top;
        if (horizontal) {
          const x = chartLeft + p * barSpan;
          return <div key={k} style={{ position: 'absolute', left: x, top: chartTop - u * 2, height: chartH + u * 2, width: 1, background: 'rgba(255,255,255,' + (k === 0 ? 0.35 : 0.1) + ')', opacity: gridIn }} />;
        }
        const y = chartBottom - p * chartH;
        return (
          <div key={k} style={{ opacity: gridIn }}>
            <div style={{ position: 'absolute', left: chartLeft, width: chartW * gridIn, top: y, height: 1, background: 'rgba(255,255,255,' + (k === 0 ? 0.35 : 0.1) + ')' }} />
            <div style={{ position: 'absolute', left: pad - u, width: u * 7, top: y - labelFs * 0.65, fontSize: labelFs * 0.85, textAlign: 'right', opacity: 0.5, fontVariantNumeric: 'tabular-nums' }}>{fmt(v)}</div>
          </div>
        );
      })}
      {DATA.map((d, i) => {
        const s = grow(i);
        const shown = Math.min(1, s);
        const isBest = i === best;
        const fill = isBest ? 'linear-gradient(180deg, ' + C.highlight + ', ' + C.highlight + 'cc)' : 'linear-gradient(180deg, ' + C.bar2 + ', ' + C.bar1 + ')';
        if (horizontal) {
          const slot = chartH / n;
          const thick = slot * 0.4;
          const y = chartTop + slot * i + slot * 0.42;
          const w = Math.max(0, (d.value / top) * barSpan * s);
          return (
            <div key={i}>
              <div style={{ position: 'absolute', left: chartLeft, top: y - labelFs * 1.45, fontSize: labelFs, fontWeight: 600, opacity: interpolate(s, [0, 0.4], [0, 0.85], clamp) }}>{d.label}</div>
              <div style={{ position: 'absolute', left: chartLeft, top: y, height: thick, width: w, borderRadius: '0 ' + thick / 2 + 'px ' + thick / 2 + 'px 0', background: isBest ? 'linear-gradient(90deg, ' + C.highlight + 'aa, ' + C.highlight + ')' : 'linear-gradient(90deg, ' + C.bar1 + ', ' + C.bar2 + ')', boxShadow: isBest ? '0 0 ' + u * 3 + 'px ' + C.highlight + '88' : 'none' }} />
              <div style={{ position: 'absolute', left: chartLeft + w + u * 1.5, top: y + thick / 2 - labelFs * 0.62, fontSize: labelFs * 1.05, fontWeight: 800, opacity: interpolate(s, [0.2, 0.6], [0, 1], clamp), color: isBest ? C.highlight : C.text, fontVariantNumeric: 'tabular-nums' }}>{fmt(d.value * shown)}</div>
            </div>
          );
        }
        const slot = chartW / n;
        const bw = slot * 0.56;
        const x = chartLeft + slot * i + (slot - bw) / 2;
        const h = Math.max(0, (d.value / top) * chartH * s);
        return (
          <div key={i}>
            <div style={{ position: 'absolute', left: x, width: bw, top: chartBottom - h, height: h, borderRadius: Math.min(bw * 0.18, u * 1.4) + 'px ' + Math.min(bw * 0.18, u * 1.4) + 'px 0 0', background: fill, boxShadow: isBest ? '0 0 ' + u * 4 + 'px ' + C.highlight + '77' : '0 0 ' + u * 2 + 'px rgba(0,0,0,0.3)' }} />
            <div style={{ position: 'absolute', left: x - slot * 0.2, width: bw + slot * 0.4, top: chartBottom - h - valueFs * 1.6, textAlign: 'center', fontSize: valueFs, fontWeight: 800, opacity: interpolate(s, [0.2, 0.6], [0, 1], clamp), color: isBest ? C.highlight : C.text, fontVariantNumeric: 'tabular-nums' }}>{fmt(d.value * shown)}</div>
            <div style={{ position: 'absolute', left: x - slot * 0.2, width: bw + slot * 0.4, top: chartBottom + u * 1.6, textAlign: 'center', fontSize: labelFs, fontWeight: 600, opacity: gridIn * 0.8 }}>{d.label}</div>
          </div>
        );
      })}
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 8. 3-2-1 countdown with a sweeping ring and a finale burst
// ---------------------------------------------------------------------------

export interface CountdownOptions {
	name?: string
	from?: number
	finale?: string
	label?: string
	colors?: { backgrounds?: string[]; finale?: string; ring?: string; text?: string }
}

export function countdown(o: CountdownOptions = {}): SceneSpec {
	const from = o.from ?? 3
	const colors = {
		backgrounds: ['#7c3aed', '#db2777', '#ea580c', '#0891b2', '#16a34a'],
		finale: '#111827',
		ring: '#fde047',
		text: '#ffffff',
		...o.colors,
	}
	const duration = from * 30 + 45
	return scene(
		o.name ?? 'Countdown',
		duration,
		48,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, interpolateColors, spring, Easing } = window.Remotion;

const FROM = ${j(from)};
const FINALE = ${j(o.finale ?? 'GO!')};
const LABEL = ${j(o.label ?? 'Starting in')};
const C = ${j(colors)};
const FONT = ${j(SANS)};
const L = 30;

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const seg = Math.min(FROM, Math.floor(frame / L));
  const local = frame - seg * L;
  const isFinal = seg >= FROM;
  const bgs = C.backgrounds;
  const prev = seg === 0 ? bgs[0] : bgs[(seg - 1) % bgs.length];
  const cur = isFinal ? C.finale : bgs[seg % bgs.length];
  const bg = interpolateColors(local, [0, 8], [prev, cur]);
  const portrait = height > width * 1.2;
  const R = Math.min(width, height) * (portrait ? 0.36 : 0.3);
  const circ = Math.PI * 2 * R;
  const pop = spring({ frame: local, fps, config: { damping: 11, stiffness: 170 } });
  const fadeOut = isFinal ? 0 : interpolate(local, [L - 7, L - 1], [0, 1], clamp);
  const sweep = isFinal ? 1 : interpolate(local, [0, L - 2], [0, 1], clamp);
  const size = R * 2 + u * 12;
  const ticks = new Array(60).fill(0).map((_, i) => {
    const a = (i / 60) * Math.PI * 2 - Math.PI / 2;
    const lit = i / 60 <= sweep;
    const r1 = R + u * 3.2;
    const r2 = R + u * (i % 5 === 0 ? 5.4 : 4.4);
    return <line key={i} x1={size / 2 + Math.cos(a) * r1} y1={size / 2 + Math.sin(a) * r1} x2={size / 2 + Math.cos(a) * r2} y2={size / 2 + Math.sin(a) * r2} stroke={lit ? C.ring : 'rgba(255,255,255,0.25)'} strokeWidth={u * 0.45} strokeLinecap="round" />;
  });
  const rays = 'repeating-conic-gradient(from ' + frame * 1.5 + 'deg at 50% 50%, rgba(255,255,255,0.10) 0deg 9deg, transparent 9deg 22.5deg)';
  const finalPop = spring({ frame: frame - FROM * L, fps, config: { damping: 8, stiffness: 150 } });
  const finalSize = Math.min(u * 26, (width * 0.8) / (FINALE.length * 0.66));

  return (
    <AbsoluteFill style={{ background: bg, fontFamily: FONT, overflow: 'hidden', alignItems: 'center', justifyContent: 'center' }}>
      <AbsoluteFill style={{ background: rays, opacity: isFinal ? 1 : 0.5 }} />
      <AbsoluteFill style={{ background: 'radial-gradient(circle at center, rgba(255,255,255,0.18) 0%, transparent 55%, rgba(0,0,0,0.35) 100%)' }} />
      {!isFinal ? (
        <div style={{ position: 'relative', width: size, height: size }}>
          <svg width={size} height={size} style={{ position: 'absolute', inset: 0 }}>
            <circle cx={size / 2} cy={size / 2} r={R} fill="rgba(0,0,0,0.18)" stroke="rgba(255,255,255,0.18)" strokeWidth={u * 1.6} />
            <circle cx={size / 2} cy={size / 2} r={R} fill="none" stroke={C.ring} strokeWidth={u * 1.6} strokeLinecap="round" strokeDasharray={circ} strokeDashoffset={circ * (1 - sweep)} transform={'rotate(-90 ' + size / 2 + ' ' + size / 2 + ')'} style={{ filter: 'drop-shadow(0 0 ' + u * 1.2 + 'px ' + C.ring + ')' }} />
            {ticks}
          </svg>
          <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center' }}>
            <div style={{ fontSize: R * 1.25, fontWeight: 900, color: C.text, lineHeight: 1, fontVariantNumeric: 'tabular-nums', transform: 'scale(' + (0.3 + pop * 0.7) * (1 + fadeOut * 0.5) + ')', opacity: 1 - fadeOut, textShadow: '0 ' + u + 'px ' + u * 4 + 'px rgba(0,0,0,0.35)' }}>{FROM - seg}</div>
          </AbsoluteFill>
          <div style={{ position: 'absolute', left: 0, right: 0, top: size + u * 2, textAlign: 'center', color: C.text, fontSize: u * (portrait ? 4.8 : 3.6), fontWeight: 700, letterSpacing: '0.34em', textTransform: 'uppercase', opacity: 0.85 }}>{LABEL}</div>
        </div>
      ) : (
        <div style={{ fontSize: finalSize, fontWeight: 900, color: C.text, transform: 'scale(' + finalPop + ') rotate(' + (1 - finalPop) * -12 + 'deg)', textShadow: '0 0 ' + u * 6 + 'px ' + C.ring + ', 0 ' + u + 'px ' + u * 3 + 'px rgba(0,0,0,0.5)', letterSpacing: '-0.02em' }}>{FINALE}</div>
      )}
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 9. Subscribe / call-to-action button with pulse, cursor click and bell
// ---------------------------------------------------------------------------

export interface SubscribeCtaOptions {
	name?: string
	channel?: string
	handle?: string
	button?: string
	done?: string
	colors?: { bg1?: string; bg2?: string; button?: string; text?: string; ring?: string }
}

export function subscribeCta(o: SubscribeCtaOptions = {}): SceneSpec {
	const colors = { bg1: '#111827', bg2: '#312e81', button: '#ef4444', text: '#ffffff', ring: '#f472b6', ...o.colors }
	return scene(
		o.name ?? 'Subscribe button',
		150,
		54,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, interpolateColors, spring, Easing } = window.Remotion;

const CHANNEL = ${j(o.channel ?? 'Pixel Kitchen')};
const HANDLE = ${j(o.handle ?? '@pixelkitchen · new videos every Friday')};
const BUTTON = ${j(o.button ?? 'Subscribe')};
const DONE = ${j(o.done ?? 'Subscribed')};
const C = ${j(colors)};
const FONT = ${j(SANS)};
const CLICK = 62;

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const s = (d, cfg) => spring({ frame: frame - d, fps, config: cfg || { damping: 13, stiffness: 140 } });
  const avatar = s(0);
  const name = s(6, { damping: 200 });
  const btn = s(12);
  const clicked = frame >= CLICK;
  const press = interpolate(frame, [CLICK - 3, CLICK, CLICK + 5], [1, 0.9, 1], clamp);
  const btnColor = interpolateColors(frame, [CLICK, CLICK + 6], [C.button, '#e5e7eb']);
  const btnText = interpolateColors(frame, [CLICK, CLICK + 6], ['#ffffff', '#111827']);
  const move = interpolate(frame, [26, CLICK - 2], [0, 1], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const cursorOut = interpolate(frame, [CLICK + 20, CLICK + 40], [0, 1], { ...clamp, easing: Easing.in(Easing.cubic) });
  const bell = s(CLICK + 4, { damping: 10, stiffness: 160 });
  const ring = Math.sin((frame - CLICK) * 0.9) * 22 * Math.exp(-Math.max(0, frame - CLICK - 6) / 18);
  const fs = u * (portrait ? 6.6 : 4.6);
  const av = u * (portrait ? 28 : 18);
  const initials = CHANNEL.split(' ').map((p) => p[0]).join('').slice(0, 2).toUpperCase();
  const burst = interpolate(frame, [CLICK, CLICK + 22], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });

  const pulses = [0, 1, 2].map((k) => {
    const t = (((frame - 18 - k * 10) % 30) + 30) % 30 / 30;
    const visible = frame > 18 + k * 10 && !clicked;
    return <div key={k} style={{ position: 'absolute', inset: 0, borderRadius: 999, border: u * 0.5 + 'px solid ' + C.button, transform: 'scale(' + (1 + t * 0.35) + ', ' + (1 + t * 0.9) + ')', opacity: visible ? (1 - t) * 0.7 : 0 }} />;
  });
  const sparks = new Array(14).fill(0).map((_, k) => {
    const a = (k / 14) * Math.PI * 2;
    const d = u * (10 + burst * 18);
    return <div key={k} style={{ position: 'absolute', left: '50%', top: '50%', width: u * 1.2, height: u * 1.2, marginLeft: Math.cos(a) * d * 1.6 - u * 0.6, marginTop: Math.sin(a) * d - u * 0.6, borderRadius: '50%', background: k % 2 ? C.ring : '#fde047', opacity: clicked ? 1 - burst : 0 }} />;
  });

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(165deg, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 80%)', fontFamily: FONT, alignItems: 'center', justifyContent: 'center', overflow: 'hidden', color: C.text }}>
      <div style={{ position: 'absolute', left: '50%', top: '40%', width: u * 80, height: u * 80, marginLeft: -u * 40, marginTop: -u * 40, borderRadius: '50%', background: C.ring, opacity: 0.14, filter: 'blur(' + u * 12 + 'px)' }} />
      <div style={{ width: av, height: av, borderRadius: '50%', padding: u * 0.8, background: 'conic-gradient(from ' + frame * 2 + 'deg, ' + C.ring + ', #fde047, ' + C.button + ', ' + C.ring + ')', transform: 'scale(' + avatar + ')', boxShadow: '0 ' + u * 2 + 'px ' + u * 6 + 'px rgba(0,0,0,0.4)' }}>
        <div style={{ width: '100%', height: '100%', borderRadius: '50%', background: C.bg1, border: u * 0.6 + 'px solid ' + C.bg1, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: av * 0.36, fontWeight: 800, letterSpacing: '-0.02em' }}>{initials}</div>
      </div>
      <div style={{ marginTop: u * 4, fontSize: fs * 1.35, fontWeight: 800, letterSpacing: '-0.02em', opacity: name, transform: 'translateY(' + (1 - name) * u * 3 + 'px)', textAlign: 'center' }}>{CHANNEL}</div>
      <div style={{ marginTop: u * 1.2, fontSize: fs * (portrait ? 0.66 : 0.6), opacity: name * 0.7, fontWeight: 500, textAlign: 'center', maxWidth: width * 0.86 }}>{HANDLE}</div>
      <div style={{ marginTop: u * 6, display: 'flex', alignItems: 'center', gap: u * 3 }}>
        <div style={{ position: 'relative', transform: 'scale(' + btn * press + ')' }}>
          {pulses}
          {sparks}
          <div style={{ position: 'relative', display: 'flex', alignItems: 'center', gap: fs * 0.4, padding: fs * 0.55 + 'px ' + fs * 1.2 + 'px', borderRadius: 999, background: btnColor, color: btnText, fontSize: fs, fontWeight: 800, boxShadow: '0 ' + u + 'px ' + u * 4 + 'px rgba(0,0,0,0.35)', whiteSpace: 'nowrap' }}>
            {clicked ? (
              <svg width={fs * 0.9} height={fs * 0.9} viewBox="0 0 24 24"><path d="M4 12.5l5 5L20 6.5" fill="none" stroke={btnText} strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" /></svg>
            ) : (
              <svg width={fs * 0.9} height={fs * 0.9} viewBox="0 0 24 24"><rect x="2" y="5" width="20" height="14" rx="4" fill="#ffffff" /><path d="M10 9l5 3-5 3z" fill={C.button} /></svg>
            )}
            {clicked ? DONE : BUTTON}
          </div>
          <div style={{ position: 'absolute', left: '62%', top: '58%', transform: 'translate(' + (1 - move) * u * 36 + 'px, ' + (1 - move) * u * 30 + 'px) scale(' + interpolate(frame, [CLICK - 3, CLICK, CLICK + 4], [1, 0.8, 1], clamp) + ')', opacity: interpolate(frame, [20, 28], [0, 1], clamp) * (1 - cursorOut) }}>
            <svg width={u * 7} height={u * 7} viewBox="0 0 24 24" style={{ filter: 'drop-shadow(0 ' + u * 0.4 + 'px ' + u * 0.8 + 'px rgba(0,0,0,0.5))' }}><path d="M3 2l7 19 2.6-7.8L20.5 11z" fill="#ffffff" stroke="#111827" strokeWidth="1.4" strokeLinejoin="round" /></svg>
          </div>
        </div>
        <div style={{ width: fs * 2.1, height: fs * 2.1, borderRadius: '50%', background: 'rgba(255,255,255,0.14)', display: 'flex', alignItems: 'center', justifyContent: 'center', transform: 'scale(' + bell + ') rotate(' + ring + 'deg)', transformOrigin: '50% 20%', opacity: Math.min(1, bell * 2) }}>
          <svg width={fs * 1.1} height={fs * 1.1} viewBox="0 0 24 24"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6z" fill="#fde047" /><circle cx="12" cy="19.5" r="2.2" fill="#fde047" /></svg>
        </div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 10. Split-screen wipe transition (left/right, or top/bottom in portrait)
// ---------------------------------------------------------------------------

export interface SplitWipeOptions {
	name?: string
	a?: { label?: string; title?: string; sub?: string; colors?: [string, string] }
	b?: { label?: string; title?: string; sub?: string; colors?: [string, string] }
	badge?: string
}

export function splitWipe(o: SplitWipeOptions = {}): SceneSpec {
	const a = { label: 'Before', title: 'Manual edits', sub: 'Hours of keyframes', colors: ['#334155', '#0f172a'], ...o.a }
	const b = { label: 'After', title: 'One prompt', sub: 'A finished scene in seconds', colors: ['#06b6d4', '#4f46e5'], ...o.b }
	return scene(
		o.name ?? 'Split-screen wipe',
		150,
		80,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const A = ${j(a)};
const B = ${j(b)};
const BADGE = ${j(o.badge ?? 'VS')};
const FONT = ${j(SANS)};

function Panel({ data, x, y, w, h, u, k, enter, frame }) {
  const len = Math.max(data.title.length, 6);
  const fs = Math.min(u * 10 * k, (w * 0.82) / (len * 0.58));
  const cx = x + w / 2;
  const cy = y + h / 2;
  return (
    <div style={{ position: 'absolute', inset: 0, background: 'linear-gradient(140deg, ' + data.colors[0] + ', ' + data.colors[1] + ')', overflow: 'hidden' }}>
      <div style={{ position: 'absolute', left: cx, top: cy, width: u * 90, height: u * 90, marginLeft: -u * 45, marginTop: -u * 45, borderRadius: '50%', border: u * 0.3 + 'px solid rgba(255,255,255,0.12)', transform: 'scale(' + (1 + Math.sin(frame / 30) * 0.03) + ')' }} />
      <div style={{ position: 'absolute', left: cx, top: cy, width: u * 60, height: u * 60, marginLeft: -u * 30, marginTop: -u * 30, borderRadius: '50%', border: u * 0.3 + 'px solid rgba(255,255,255,0.18)' }} />
      <div style={{ position: 'absolute', left: x, top: y, width: w, height: h, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', textAlign: 'center', color: 'white', opacity: enter, transform: 'translateY(' + (1 - enter) * u * 4 + 'px)' }}>
        <div style={{ fontSize: u * 2.8 * k, fontWeight: 800, letterSpacing: '0.3em', textTransform: 'uppercase', padding: u * 0.9 + 'px ' + u * 2.2 + 'px', borderRadius: 999, background: 'rgba(255,255,255,0.16)', border: '1px solid rgba(255,255,255,0.35)' }}>{data.label}</div>
        <div style={{ fontSize: fs, fontWeight: 800, letterSpacing: '-0.02em', lineHeight: 1.05, margin: u * 2.6 + 'px ' + u * 3 + 'px ' + u * 1.6 + 'px', textShadow: '0 ' + u * 0.5 + 'px ' + u * 2 + 'px rgba(0,0,0,0.3)' }}>{data.title}</div>
        <div style={{ fontSize: Math.min(u * 3.6 * k, fs * 0.42), fontWeight: 500, opacity: 0.85, padding: '0 ' + u * 3 + 'px' }}>{data.sub}</div>
      </div>
    </div>
  );
}

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const horizontal = width >= height;
  const k = horizontal ? 1 : 1.35;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const p = interpolate(frame, [22, 52, 100, 128], [1, 0.5, 0.5, 0], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const axis = horizontal ? width : height;
  const skew = u * 6 * (1 - Math.abs(p - 0.5) * 2);
  const e = p * axis;
  const e1 = e + skew;
  const e2 = e - skew;
  const clipA = horizontal ? 'polygon(0px 0px, ' + e1 + 'px 0px, ' + e2 + 'px ' + height + 'px, 0px ' + height + 'px)' : 'polygon(0px 0px, ' + width + 'px 0px, ' + width + 'px ' + e2 + 'px, 0px ' + e1 + 'px)';
  const clipB = horizontal ? 'polygon(' + e1 + 'px 0px, ' + width + 'px 0px, ' + width + 'px ' + height + 'px, ' + e2 + 'px ' + height + 'px)' : 'polygon(0px ' + e1 + 'px, ' + width + 'px ' + e2 + 'px, ' + width + 'px ' + height + 'px, 0px ' + height + 'px)';
  const enterA = spring({ frame: frame - 2, fps, config: { damping: 200 } });
  const enterB = spring({ frame: frame - 36, fps, config: { damping: 200 } });
  const badge = spring({ frame: frame - 50, fps, config: { damping: 11, stiffness: 150 } }) * (1 - interpolate(frame, [96, 106], [0, 1], clamp));
  const dividerOn = p > 0.01 && p < 0.99;
  const bw = u * 13 * k;
  const inner = (1 - Math.abs(p - 0.5) * 2) * bw * 0.6;
  const bx = horizontal ? e : width / 2;
  const by = horizontal ? height / 2 : e;

  return (
    <AbsoluteFill style={{ fontFamily: FONT, background: '#000', overflow: 'hidden' }}>
      <div style={{ position: 'absolute', inset: 0, clipPath: clipA }}>
        <Panel data={A} x={0} y={0} w={horizontal ? Math.max(1, e - inner) : width} h={horizontal ? height : Math.max(1, e - inner)} u={u} k={k} enter={enterA} frame={frame} />
      </div>
      <div style={{ position: 'absolute', inset: 0, clipPath: clipB }}>
        <Panel data={B} x={horizontal ? e + inner : 0} y={horizontal ? 0 : e + inner} w={horizontal ? Math.max(1, width - e - inner) : width} h={horizontal ? height : Math.max(1, height - e - inner)} u={u} k={k} enter={enterB} frame={frame} />
      </div>
      {dividerOn ? (
        <svg width={width} height={height} style={{ position: 'absolute', inset: 0 }}>
          <line x1={horizontal ? e1 : 0} y1={horizontal ? 0 : e1} x2={horizontal ? e2 : width} y2={horizontal ? height : e2} stroke="white" strokeWidth={u * 0.7} style={{ filter: 'drop-shadow(0 0 ' + u * 1.5 + 'px rgba(255,255,255,0.9))' }} />
        </svg>
      ) : null}
      <div style={{ position: 'absolute', left: bx - bw / 2, top: by - bw / 2, width: bw, height: bw, borderRadius: '50%', background: 'white', color: '#111827', display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 900, fontSize: bw * 0.36, letterSpacing: '-0.02em', boxShadow: '0 ' + u + 'px ' + u * 4 + 'px rgba(0,0,0,0.45)', transform: 'scale(' + badge + ')' }}>{BADGE}</div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 11. Confetti celebration (deterministic particles from random(seed))
// ---------------------------------------------------------------------------

export interface ConfettiOptions {
	name?: string
	headline?: string
	sub?: string
	palette?: string[]
	background?: [string, string]
}

export function confetti(o: ConfettiOptions = {}): SceneSpec {
	return scene(
		o.name ?? 'Confetti burst',
		120,
		40,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing, random } = window.Remotion;

const HEADLINE = ${j(o.headline ?? 'You did it!')};
const SUB = ${j(o.sub ?? 'Thanks for being part of the journey')};
const PALETTE = ${j(o.palette ?? ['#f43f5e', '#f59e0b', '#22c55e', '#3b82f6', '#a855f7', '#facc15'])};
const BG = ${j(o.background ?? ['#1e1b4b', '#0f172a'])};
const FONT = ${j(SANS)};
const N = 160;

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const g = height * 1.9;
  const k = 1.6;
  const pieces = [];
  for (let i = 0; i < N; i++) {
    const r = (n) => random('confetti-' + i + '-' + n);
    const wave = i < N * 0.6 ? 0 : 1;
    const delay = wave * 22 + r(0) * 6;
    const t = (frame - delay) / fps;
    if (t < 0) continue;
    const fromLeft = i % 2 === 0;
    const x0 = fromLeft ? -u * 2 : width + u * 2;
    const y0 = height * 0.94;
    const ang = ((52 + r(1) * 32) * Math.PI) / 180;
    const speed = 0.9 + r(2) * 0.9;
    const vx = Math.cos(ang) * speed * width * 0.95 * (fromLeft ? 1 : -1);
    const vy = -Math.sin(ang) * speed * height * 1.5;
    const e = (1 - Math.exp(-k * t)) / k;
    const x = x0 + vx * e + Math.sin(t * (3 + r(3) * 4) + i) * u * 3 * Math.min(1, t);
    const y = y0 + vy * e + (g / k) * (t - e);
    if (y > height + u * 10) continue;
    const kind = r(4);
    const w = u * (1 + r(5) * 1.3);
    const h = kind < 0.55 ? w * 0.5 : kind < 0.8 ? w : w * 0.28;
    const rot = r(6) * 360 + t * (180 + r(7) * 420) * (r(8) > 0.5 ? 1 : -1);
    const flip = Math.cos(t * (5 + r(9) * 8) + i);
    const color = PALETTE[Math.floor(r(10) * PALETTE.length) % PALETTE.length];
    pieces.push(
      <div key={i} style={{ position: 'absolute', left: x, top: y, width: kind >= 0.8 ? w * 2.4 : w, height: h, marginLeft: -w / 2, marginTop: -h / 2, background: color, borderRadius: kind >= 0.55 && kind < 0.8 ? '50%' : u * 0.15, transform: 'rotate(' + rot + 'deg) scaleY(' + flip + ')', boxShadow: 'inset 0 0 0 ' + u * 0.1 + 'px rgba(255,255,255,0.25)' }} />
    );
  }
  const pop = spring({ frame: frame - 4, fps, config: { damping: 9, stiffness: 140 } });
  const sub = spring({ frame: frame - 18, fps, config: { damping: 200 } });
  const words = HEADLINE.split(' ');
  const longest = Math.max(...words.map((w) => w.length));
  const portrait = height > width * 1.2;
  const fs = Math.min(u * (portrait ? 19 : 15), (width * 0.8) / (longest * 0.7));
  const glow = interpolate(frame, [0, 20, 120], [0, 1, 0.7], clamp);

  return (
    <AbsoluteFill style={{ background: 'radial-gradient(circle at 50% 45%, ' + BG[0] + ' 0%, ' + BG[1] + ' 75%)', fontFamily: FONT, overflow: 'hidden' }}>
      <AbsoluteFill style={{ background: 'repeating-conic-gradient(from ' + frame * 0.6 + 'deg at 50% 45%, rgba(255,255,255,0.035) 0deg 8deg, transparent 8deg 20deg)', opacity: glow }} />
      <AbsoluteFill style={{ boxSizing: 'border-box', alignItems: 'center', justifyContent: 'center', textAlign: 'center', padding: u * 6 }}>
        <div style={{ fontSize: fs, fontWeight: 900, lineHeight: 1.02, letterSpacing: '-0.03em', color: 'white', maxWidth: width * 0.88, transform: 'scale(' + pop + ') rotate(' + (1 - pop) * -8 + 'deg)', textShadow: '0 ' + u * 0.6 + 'px 0 ' + PALETTE[0] + ', 0 ' + u * 1.2 + 'px ' + u * 4 + 'px rgba(0,0,0,0.45)' }}>{HEADLINE}</div>
        <div style={{ marginTop: u * 3.5, fontSize: u * (portrait ? 5.4 : 4), fontWeight: 600, color: 'rgba(255,255,255,0.88)', opacity: sub, transform: 'translateY(' + (1 - sub) * u * 3 + 'px)', maxWidth: width * 0.8 }}>{SUB}</div>
      </AbsoluteFill>
      {pieces}
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 12. Product showcase card with a swinging price tag
// ---------------------------------------------------------------------------

export type ProductKind = 'headphones' | 'bottle' | 'cup' | 'watch'

const PRODUCT_SVG: Record<ProductKind, string> = {
	headphones: `
          <path d="M42 112 C42 40 158 40 158 112" fill="none" stroke={PA_URL} strokeWidth="13" strokeLinecap="round" />
          <path d="M52 100 C54 60 146 60 148 100" fill="none" stroke="rgba(0,0,0,0.22)" strokeWidth="4" strokeLinecap="round" />
          <rect x="24" y="96" width="44" height="72" rx="21" fill={PA_URL} />
          <rect x="132" y="96" width="44" height="72" rx="21" fill={PA_URL} />
          <rect x="58" y="106" width="16" height="52" rx="8" fill="#1f2937" />
          <rect x="126" y="106" width="16" height="52" rx="8" fill="#1f2937" />
          <rect x="32" y="106" width="7" height="44" rx="3.5" fill="#ffffff" opacity="0.45" />
          <rect x="140" y="106" width="7" height="44" rx="3.5" fill="#ffffff" opacity="0.45" />`,
	bottle: `
          <rect x="82" y="14" width="36" height="28" rx="7" fill={C.p2} />
          <rect x="80" y="38" width="40" height="10" rx="4" fill="#1f2937" opacity="0.35" />
          <path d="M76 52 Q76 46 82 46 L118 46 Q124 46 124 52 L128 68 Q134 78 134 92 L134 170 Q134 188 116 188 L84 188 Q66 188 66 170 L66 92 Q66 78 72 68 Z" fill={PA_URL} />
          <rect x="66" y="104" width="68" height="46" fill="#ffffff" opacity="0.92" />
          <path d="M100 112 C112 120 112 136 100 142 C88 136 88 120 100 112 Z" fill={C.p1} />
          <rect x="75" y="58" width="8" height="112" rx="4" fill="#ffffff" opacity="0.35" />`,
	cup: `
          <ellipse cx="100" cy="178" rx="76" ry="13" fill="#ffffff" opacity="0.92" />
          <ellipse cx="100" cy="175" rx="52" ry="7" fill="rgba(0,0,0,0.12)" />
          <path d="M140 102 C178 102 178 150 134 150" fill="none" stroke={PA_URL} strokeWidth="11" strokeLinecap="round" />
          <path d="M46 88 L154 88 L144 156 Q141 172 124 172 L76 172 Q59 172 56 156 Z" fill={PA_URL} />
          <ellipse cx="100" cy="88" rx="54" ry="10" fill={C.p2} />
          <ellipse cx="100" cy="89" rx="46" ry="7" fill="#6b3f26" />
          <path d="M92 88 C96 84 104 84 108 88 C104 92 96 92 92 88 Z" fill="#f5deb3" opacity="0.8" />
          <path d="M63 98 L71 150" stroke="#ffffff" strokeOpacity="0.4" strokeWidth="6" strokeLinecap="round" />
          {[76, 100, 124].map((x, k) => {
            const w = Math.sin(frame / 9 + k * 2) * 7;
            return <path key={k} d={'M' + x + ' 74 C ' + (x - 12 + w) + ' 60, ' + (x + 12 - w) + ' 48, ' + x + ' 30'} fill="none" stroke="#ffffff" strokeOpacity={0.35 + 0.2 * Math.sin(frame / 12 + k)} strokeWidth="5" strokeLinecap="round" />;
          })}`,
	watch: `
          <rect x="72" y="6" width="56" height="62" rx="12" fill="#1f2937" />
          <rect x="72" y="132" width="56" height="62" rx="12" fill="#1f2937" />
          <rect x="150" y="84" width="8" height="22" rx="4" fill={C.p2} />
          <rect x="48" y="44" width="104" height="112" rx="30" fill={PA_URL} />
          <rect x="57" y="53" width="86" height="94" rx="23" fill="#0b0f19" />
          <circle cx="100" cy="100" r="32" fill="none" stroke="rgba(255,255,255,0.12)" strokeWidth="6" />
          <circle cx="100" cy="100" r="32" fill="none" stroke={C.p1} strokeWidth="6" strokeLinecap="round" strokeDasharray={(Math.min(1, frame / 60) * 150) + ' 201'} transform="rotate(-90 100 100)" />
          <text x="100" y="108" textAnchor="middle" fontSize="22" fontWeight="800" fill="#ffffff" fontFamily={FONT}>10:09</text>`,
}

export interface ProductCardOptions {
	name?: string
	kind?: ProductKind
	product?: string
	tagline?: string
	badge?: string
	price?: string
	oldPrice?: string
	features?: string[]
	cta?: string
	colors?: { bg1?: string; bg2?: string; accent?: string; text?: string; p1?: string; p2?: string; tag?: string }
}

export function productCard(o: ProductCardOptions = {}): SceneSpec {
	const kind = o.kind ?? 'headphones'
	const colors = { bg1: '#fdf2f8', bg2: '#e0e7ff', accent: '#4f46e5', text: '#111827', p1: '#818cf8', p2: '#4338ca', tag: '#f43f5e', ...o.colors }
	return scene(
		o.name ?? 'Product showcase',
		150,
		112,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const PRODUCT = ${j(o.product ?? 'Aurora Headphones')};
const TAGLINE = ${j(o.tagline ?? '40 hours of rich, quiet sound')};
const BADGE = ${j(o.badge ?? 'New arrival')};
const PRICE = ${j(o.price ?? '$149')};
const OLD_PRICE = ${j(o.oldPrice ?? '$199')};
const FEATURES = ${j(o.features ?? ['Noise cancelling', 'USB-C', 'Foldable'])};
const CTA = ${j(o.cta ?? 'Shop now')};
const C = ${j(colors)};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const row = width > height * 1.2;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const stage = row ? Math.min(height * 0.64, width * 0.36) : Math.min(width * (portrait ? 0.74 : 0.5), height * (portrait ? 0.4 : 0.46));
  const enter = spring({ frame: frame - 4, fps, config: { damping: 12, stiffness: 90 } });
  const float = Math.sin(frame / 18) * u * 1.4;
  const turn = interpolate(enter, [0, 1], [-25, -6]);
  const tagIn = spring({ frame: frame - 34, fps, config: { damping: 12, stiffness: 120 } });
  const tt = Math.max(0, (frame - 34) / fps);
  const swing = 8 + 26 * Math.exp(-tt * 1.8) * Math.cos(tt * 8.5);
  const item = (i) => spring({ frame: frame - 16 - i * 6, fps, config: { damping: 200 } });
  const slide = (i) => (row ? 'translateX(' + (1 - item(i)) * u * 8 + 'px)' : 'translateY(' + (1 - item(i)) * u * 5 + 'px)');
  const titleFs = Math.min(u * (portrait ? 10 : 7.5), ((row ? width * 0.44 : width * 0.86) / Math.max(PRODUCT.length, 8)) * 1.7);
  const tagW = stage * 0.36;
  const shine = interpolate(frame, [60, 90], [-60, 160], clamp);
  const PA = 'pa' + React.useId().replace(/[^a-zA-Z0-9]/g, '');
  const PA_URL = 'url(#' + PA + ')';

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(135deg, ' + C.bg1 + ' 0%, ' + C.bg2 + ' 100%)', fontFamily: FONT, color: C.text, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', left: -u * 20, bottom: -u * 30, width: u * 80, height: u * 80, borderRadius: '50%', background: C.p1, opacity: 0.22, filter: 'blur(' + u * 10 + 'px)' }} />
      <div style={{ position: 'absolute', right: -u * 20, top: -u * 30, width: u * 70, height: u * 70, borderRadius: '50%', background: C.tag, opacity: 0.12, filter: 'blur(' + u * 10 + 'px)' }} />
      <AbsoluteFill style={{ flexDirection: row ? 'row' : 'column', alignItems: 'center', justifyContent: 'center', gap: row ? u * 8 : u * 3 }}>
        <div style={{ position: 'relative', width: stage, height: stage, flexShrink: 0 }}>
          <div style={{ position: 'absolute', inset: stage * 0.06, borderRadius: '50%', background: 'radial-gradient(circle at 35% 30%, #ffffff 0%, ' + C.bg2 + ' 60%, ' + C.p1 + '55 100%)', boxShadow: 'inset 0 0 ' + u * 4 + 'px rgba(255,255,255,0.8), 0 ' + u * 2 + 'px ' + u * 6 + 'px rgba(0,0,0,0.12)', transform: 'scale(' + enter + ')' }} />
          <div style={{ position: 'absolute', left: '22%', right: '22%', bottom: stage * 0.05, height: stage * 0.07, borderRadius: '50%', background: 'rgba(0,0,0,0.22)', filter: 'blur(' + u * 1.2 + 'px)', transform: 'scale(' + (1 - float / (u * 12)) * enter + ')' }} />
          <div style={{ position: 'absolute', inset: stage * 0.12, transform: 'translateY(' + (float + (1 - enter) * stage * 0.5) + 'px) rotate(' + turn + 'deg) scale(' + (0.6 + enter * 0.4) + ')', opacity: Math.min(1, enter * 2) }}>
            <svg viewBox="0 0 200 200" width="100%" height="100%" style={{ overflow: 'visible', filter: 'drop-shadow(0 ' + u * 1.5 + 'px ' + u * 2 + 'px rgba(0,0,0,0.25))' }}>
              <defs>
                <linearGradient id={PA} x1="0" y1="0" x2="1" y2="1">
                  <stop offset="0" stopColor={C.p1} />
                  <stop offset="1" stopColor={C.p2} />
                </linearGradient>
              </defs>
${PRODUCT_SVG[kind]}
            </svg>
          </div>
          <div style={{ position: 'absolute', left: stage * 0.74, top: -stage * 0.02, width: tagW, transformOrigin: '50% 0%', transform: 'rotate(' + swing + 'deg) scale(' + tagIn + ')' }}>
            <div style={{ width: 2, height: stage * 0.08, background: 'rgba(0,0,0,0.45)', margin: '0 auto' }} />
            <div style={{ position: 'relative', background: C.tag, color: 'white', borderRadius: tagW * 0.12, padding: tagW * 0.16 + 'px ' + tagW * 0.08 + 'px ' + tagW * 0.1 + 'px', textAlign: 'center', boxShadow: '0 ' + u + 'px ' + u * 2.4 + 'px rgba(0,0,0,0.3)', overflow: 'hidden' }}>
              <div style={{ position: 'absolute', left: '50%', top: tagW * 0.05, width: tagW * 0.07, height: tagW * 0.07, marginLeft: -tagW * 0.035, borderRadius: '50%', background: C.bg1 }} />
              <div style={{ fontSize: tagW * 0.3, fontWeight: 900, letterSpacing: '-0.03em', lineHeight: 1.05 }}>{PRICE}</div>
              {OLD_PRICE ? <div style={{ fontSize: tagW * 0.14, fontWeight: 600, opacity: 0.85, textDecoration: 'line-through' }}>{OLD_PRICE}</div> : null}
              <div style={{ position: 'absolute', top: 0, bottom: 0, left: shine + '%', width: '30%', background: 'linear-gradient(90deg, transparent, rgba(255,255,255,0.45), transparent)', transform: 'skewX(-20deg)' }} />
            </div>
          </div>
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: row ? 'flex-start' : 'center', textAlign: row ? 'left' : 'center', maxWidth: row ? width * 0.44 : width * 0.88 }}>
          <div style={{ opacity: item(0), transform: slide(0), fontSize: u * (portrait ? 3.5 : 2.5), fontWeight: 800, letterSpacing: '0.2em', textTransform: 'uppercase', color: C.accent, padding: u * 0.8 + 'px ' + u * 2 + 'px', borderRadius: 999, background: 'rgba(255,255,255,0.7)', border: '1px solid ' + C.accent + '44' }}>{BADGE}</div>
          <div style={{ opacity: item(1), transform: slide(1), fontSize: titleFs, fontWeight: 900, letterSpacing: '-0.03em', lineHeight: 1.04, margin: u * 2 + 'px 0 ' + u * 1.2 + 'px' }}>{PRODUCT}</div>
          <div style={{ opacity: item(2) * 0.75, transform: slide(2), fontSize: u * (portrait ? 4.8 : 3.2), fontWeight: 500 }}>{TAGLINE}</div>
          <div style={{ display: 'flex', gap: u * 1.2, marginTop: u * 2.6, flexWrap: 'wrap', justifyContent: row ? 'flex-start' : 'center' }}>
            {FEATURES.map((f, i) => (
              <div key={i} style={{ opacity: item(3 + i), transform: slide(3 + i), fontSize: u * (portrait ? 3.5 : 2.3), fontWeight: 600, padding: u * 0.8 + 'px ' + u * 1.6 + 'px', borderRadius: u * 1, background: 'rgba(255,255,255,0.75)', boxShadow: '0 ' + u * 0.3 + 'px ' + u + 'px rgba(0,0,0,0.06)' }}>{f}</div>
            ))}
          </div>
          <div style={{ opacity: item(4 + FEATURES.length), transform: slide(4 + FEATURES.length) + ' scale(' + (1 + Math.max(0, Math.sin((frame - 90) / 6)) * 0.04 * (frame > 90 ? 1 : 0)) + ')', marginTop: u * 3.6, padding: u * 1.6 + 'px ' + u * 4 + 'px', borderRadius: 999, background: 'linear-gradient(135deg, ' + C.accent + ', ' + C.p2 + ')', color: 'white', fontSize: u * (portrait ? 4.8 : 3.2), fontWeight: 800, boxShadow: '0 ' + u + 'px ' + u * 3 + 'px ' + C.accent + '66' }}>{CTA + '  →'}</div>
        </div>
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 13. Line chart drawing with SVG and a live readout
// ---------------------------------------------------------------------------

export interface LineChartOptions {
	name?: string
	title?: string
	subtitle?: string
	labels?: string[]
	values?: number[]
	prefix?: string
	suffix?: string
	decimals?: number
	colors?: { bg1?: string; bg2?: string; line1?: string; line2?: string; text?: string }
}

export function lineChart(o: LineChartOptions = {}): SceneSpec {
	const colors = { bg1: '#020617', bg2: '#0c1a33', line1: '#22d3ee', line2: '#a78bfa', text: '#f1f5f9', ...o.colors }
	const labels = o.labels ?? ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug']
	const values = o.values ?? [12, 18, 15, 26, 31, 29, 40, 52]
	return scene(
		o.name ?? 'Line chart',
		150,
		128,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(o.title ?? 'Revenue growth')};
const SUBTITLE = ${j(o.subtitle ?? 'Monthly recurring revenue, in thousands')};
const LABELS = ${j(labels)};
const VALUES = ${j(values)};
const PREFIX = ${j(o.prefix ?? '$')};
const SUFFIX = ${j(o.suffix ?? 'k')};
const DECIMALS = ${j(o.decimals ?? 0)};
const C = ${j(colors)};
const FONT = ${j(SANS)};

function niceStep(x) {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const steps = [1, 2, 2.5, 5, 10];
  for (let i = 0; i < steps.length; i++) if (steps[i] * p >= x) return steps[i] * p;
  return 10 * p;
}

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const uid = React.useId().replace(/[^a-zA-Z0-9]/g, '');
  const pad = u * 7;
  const left = pad + u * (portrait ? 11 : 9);
  const right = width - pad - u * 3;
  const top = height * (portrait ? 0.27 : 0.32);
  const bottom = height - pad * (portrait ? 2.2 : 1.7);
  const n = VALUES.length;
  const vmin = Math.min(...VALUES);
  const vmax = Math.max(...VALUES);
  const span = vmax - vmin || Math.abs(vmax) || 1;
  const rawLo = Math.max(0, vmin - span * 0.3);
  const step = niceStep((vmax + span * 0.12 - rawLo) / 4);
  const lo = Math.floor(rawLo / step) * step;
  const hi = lo + step * Math.max(2, Math.ceil((vmax + span * 0.12 - lo) / step));
  const inset = u * 4;
  const X = (i) => left + inset + (i / (n - 1)) * (right - left - inset * 2);
  const Y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const pts = VALUES.map((v, i) => [X(i), Y(v)]);
  const P = (i) => (i < 0 ? [2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1]] : i >= n ? [2 * pts[n - 1][0] - pts[n - 2][0], 2 * pts[n - 1][1] - pts[n - 2][1]] : pts[i]);
  const segs = [];
  let d = 'M' + pts[0][0] + ' ' + pts[0][1];
  for (let i = 0; i < n - 1; i++) {
    const p0 = P(i - 1), p1 = P(i), p2 = P(i + 1), p3 = P(i + 2);
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    segs.push([p1, c1, c2, p2]);
    d += ' C' + c1[0] + ' ' + c1[1] + ', ' + c2[0] + ' ' + c2[1] + ', ' + p2[0] + ' ' + p2[1];
  }
  const area = d + ' L' + right + ' ' + bottom + ' L' + left + ' ' + bottom + ' Z';
  const progress = interpolate(frame, [18, 104], [0, 1], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const pos = progress * (n - 1);
  const si = Math.min(n - 2, Math.floor(pos));
  const lt = pos - si;
  const sg = segs[si];
  const bz = (k) => Math.pow(1 - lt, 3) * sg[0][k] + 3 * Math.pow(1 - lt, 2) * lt * sg[1][k] + 3 * (1 - lt) * lt * lt * sg[2][k] + Math.pow(lt, 3) * sg[3][k];
  const hx = bz(0);
  const hy = bz(1);
  const live = lo + ((bottom - hy) / (bottom - top)) * (hi - lo);
  const head = spring({ frame, fps, config: { damping: 200 } });
  const gridIn = interpolate(frame, [4, 24], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const delta = Math.round(((VALUES[n - 1] - VALUES[0]) / (VALUES[0] || 1)) * 100);
  const badge = spring({ frame: frame - 104, fps, config: { damping: 11, stiffness: 150 } });
  const fmt = (v) => PREFIX + v.toFixed(DECIMALS) + SUFFIX;
  const tick = (v) => PREFIX + (Math.round(v * 100) / 100) + SUFFIX;
  const labelFs = u * (portrait ? 3.6 : 2.5);
  const showValues = !portrait && n <= 9;
  const gridVals = [];
  for (let v = lo; v <= hi + step * 0.01; v += step) gridVals.push(v);
  const bubbleW = u * (portrait ? 18 : 14);

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(180deg, ' + C.bg2 + ' 0%, ' + C.bg1 + ' 100%)', fontFamily: FONT, color: C.text, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', left: pad, top: pad * (portrait ? 1.4 : 0.9), opacity: head, transform: 'translateY(' + (1 - head) * u * 3 + 'px)' }}>
        <div style={{ fontSize: u * (portrait ? 8.5 : 6), fontWeight: 800, letterSpacing: '-0.02em', lineHeight: 1.1 }}>{TITLE}</div>
        <div style={{ fontSize: u * (portrait ? 4.2 : 2.8), opacity: 0.6, marginTop: u * 1.2, fontWeight: 500, maxWidth: width - pad * 2 }}>{SUBTITLE}</div>
      </div>
      <div style={{ position: 'absolute', right: pad, top: portrait ? top - u * 14 : pad * 0.9, padding: u * 1.2 + 'px ' + u * 2.4 + 'px', borderRadius: 999, background: 'rgba(34,197,94,0.16)', border: '1px solid rgba(34,197,94,0.5)', color: '#4ade80', fontSize: u * (portrait ? 4.4 : 3.2), fontWeight: 800, transform: 'scale(' + badge + ')' }}>{(delta >= 0 ? '▲ +' : '▼ ') + delta + '%'}</div>
      <svg width={width} height={height} style={{ position: 'absolute', inset: 0 }}>
        <defs>
          <linearGradient id={'st' + uid} x1="0" y1="0" x2="1" y2="0">
            <stop offset="0" stopColor={C.line1} />
            <stop offset="1" stopColor={C.line2} />
          </linearGradient>
          <linearGradient id={'fi' + uid} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0" stopColor={C.line1} stopOpacity="0.35" />
            <stop offset="1" stopColor={C.line1} stopOpacity="0" />
          </linearGradient>
          <clipPath id={'rv' + uid}>
            <rect x={left - u * 2} y={0} width={Math.max(0, hx - left + u * 2)} height={height} />
          </clipPath>
        </defs>
        {gridVals.map((v, k) => (
          <g key={k} opacity={gridIn}>
            <line x1={left} x2={left + (right - left) * gridIn} y1={Y(v)} y2={Y(v)} stroke="rgba(255,255,255,0.1)" strokeWidth={1.5} strokeDasharray={k === 0 ? 'none' : u * 0.6 + ' ' + u * 0.6} />
            <text x={left - u * 1.6} y={Y(v) + labelFs * 0.35} fill="rgba(255,255,255,0.5)" fontSize={labelFs} textAnchor="end" fontFamily={FONT}>{tick(v)}</text>
          </g>
        ))}
        {LABELS.map((l, i) => (
          <text key={i} x={X(i)} y={bottom + u * 4.6} fill="rgba(255,255,255,0.65)" fontSize={labelFs} textAnchor="middle" fontFamily={FONT} opacity={gridIn}>{l}</text>
        ))}
        <g clipPath={'url(#rv' + uid + ')'}>
          <path d={area} fill={'url(#fi' + uid + ')'} />
          <path d={d} fill="none" stroke={'url(#st' + uid + ')'} strokeWidth={u * 0.9} strokeLinecap="round" strokeLinejoin="round" style={{ filter: 'drop-shadow(0 0 ' + u * 1.2 + 'px ' + C.line1 + ')' }} />
        </g>
        {pts.map((p, i) => {
          const s = interpolate(pos - i, [-0.02, 0.12], [0, 1], { ...clamp, easing: Easing.out(Easing.back(3)) });
          return (
            <g key={i}>
              <circle cx={p[0]} cy={p[1]} r={u * 1.1 * s} fill={C.bg1} stroke={i === n - 1 ? C.line2 : C.line1} strokeWidth={u * 0.5} />
              {showValues && i < n - 1 ? <text x={p[0]} y={p[1] - u * 2.6} fill={C.text} fontSize={labelFs} fontWeight="700" textAnchor="middle" fontFamily={FONT} opacity={s}>{fmt(VALUES[i])}</text> : null}
            </g>
          );
        })}
        <line x1={hx} x2={hx} y1={hy} y2={bottom} stroke="rgba(255,255,255,0.35)" strokeWidth={1.5} strokeDasharray={u * 0.5 + ' ' + u * 0.5} opacity={progress > 0 && progress < 1 ? 1 : 0} />
        <circle cx={hx} cy={hy} r={u * 1.6} fill={C.line2} opacity={progress > 0 ? 1 : 0} style={{ filter: 'drop-shadow(0 0 ' + u * 1.5 + 'px ' + C.line2 + ')' }} />
      </svg>
      <div style={{ position: 'absolute', left: Math.min(right - bubbleW / 2, Math.max(left + bubbleW / 2, hx)) - bubbleW / 2, top: hy - u * (portrait ? 12.5 : 10.5), width: bubbleW, textAlign: 'center', padding: u * 0.9 + 'px 0', borderRadius: u * 1.4, background: 'white', color: '#0f172a', fontSize: u * (portrait ? 4.2 : 3.2), fontWeight: 800, fontVariantNumeric: 'tabular-nums', boxShadow: '0 ' + u * 0.6 + 'px ' + u * 2 + 'px rgba(0,0,0,0.4)', opacity: progress > 0 ? 1 : 0 }}>{fmt(live)}</div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 14. Education checklist on a notebook card
// ---------------------------------------------------------------------------

export interface ChecklistOptions {
	name?: string
	title?: string
	items?: string[]
	colors?: { bg1?: string; bg2?: string; paper?: string; ink?: string; accent?: string; highlight?: string }
}

export function checklist(o: ChecklistOptions = {}): SceneSpec {
	const items = o.items ?? ['Read the brief', 'Sketch three ideas', 'Pick a palette', 'Animate the hero shot']
	const colors = { bg1: '#bae6fd', bg2: '#c7d2fe', paper: '#ffffff', ink: '#1e293b', accent: '#16a34a', highlight: '#fde047', ...o.colors }
	const step = 22
	const duration = clampInt(30 + items.length * step + 50, 120, 240)
	return scene(
		o.name ?? 'Checklist',
		duration,
		Math.min(duration - 10, 30 + items.length * step + 30),
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(o.title ?? "Today's lesson plan")};
const ITEMS = ${j(items)};
const C = ${j(colors)};
const FONT = ${j(SANS)};
const STEP = ${step};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const n = ITEMS.length;
  const cardW = Math.min(width * (portrait ? 0.88 : 0.8), u * 130);
  const inner = cardW - u * 15;
  const maxLen = Math.max(...ITEMS.map((t) => t.length));
  const lines = portrait ? 2 : 1;
  const fs = Math.min(u * (portrait ? 6.2 : 4.4), (height * 0.5) / (n * 2.3 * (portrait ? 1.3 : 1)), inner / ((maxLen * 0.56) / lines + 2.4));
  const titleFs = Math.min(fs * 1.5, inner / ((TITLE.length * 0.56) / lines));
  const rowH = fs * 2.3;
  const card = spring({ frame, fps, config: { damping: 15, stiffness: 100 } });
  const hl = interpolate(frame, [10, 30], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const start = (i) => 26 + i * STEP;
  const done = ITEMS.filter((_, i) => frame >= start(i) + 14).length;
  const bar = interpolate(frame, ITEMS.map((_, i) => start(i) + 8).concat([start(n - 1) + 22]), ITEMS.map((_, i) => i / n).concat([1]), clamp);

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(150deg, ' + C.bg1 + ', ' + C.bg2 + ')', fontFamily: FONT, alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      <AbsoluteFill style={{ backgroundImage: 'radial-gradient(rgba(255,255,255,0.55) ' + u * 0.3 + 'px, transparent ' + u * 0.35 + 'px)', backgroundSize: u * 4 + 'px ' + u * 4 + 'px' }} />
      <div style={{ position: 'relative', boxSizing: 'border-box', width: cardW, background: C.paper, borderRadius: u * 2.4, padding: u * 6 + 'px ' + u * 6 + 'px ' + u * 5 + 'px ' + u * 9 + 'px', boxShadow: '0 ' + u * 2.5 + 'px ' + u * 7 + 'px rgba(30,41,59,0.22)', transform: 'translateY(' + (1 - card) * height * 0.3 + 'px) rotate(' + (1 - card) * 3 + 'deg)', opacity: Math.min(1, card * 1.5), backgroundImage: 'linear-gradient(90deg, transparent ' + u * 6.4 + 'px, rgba(244,63,94,0.35) ' + u * 6.4 + 'px, rgba(244,63,94,0.35) ' + (u * 6.4 + 2) + 'px, transparent ' + (u * 6.4 + 2) + 'px)' }}>
        <div style={{ fontSize: titleFs, fontWeight: 900, color: C.ink, letterSpacing: '-0.02em', lineHeight: 1.2 }}>
          <span style={{ backgroundImage: 'linear-gradient(' + C.highlight + ', ' + C.highlight + ')', backgroundRepeat: 'no-repeat', backgroundSize: hl * 100 + '% 38%', backgroundPosition: '0 88%', padding: '0 ' + u * 0.6 + 'px', WebkitBoxDecorationBreak: 'clone', boxDecorationBreak: 'clone' }}>{TITLE}</span>
        </div>
        <div style={{ marginTop: u * 3.5 }}>
          {ITEMS.map((text, i) => {
            const appear = spring({ frame: frame - start(i), fps, config: { damping: 200 } });
            const check = interpolate(frame, [start(i) + 8, start(i) + 18], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
            const boxPop = spring({ frame: frame - start(i) - 8, fps, config: { damping: 9, stiffness: 200 } });
            const box = fs * 1.25;
            return (
              <div key={i} style={{ display: 'flex', alignItems: 'center', minHeight: rowH, padding: fs * 0.3 + 'px 0', boxSizing: 'border-box', borderBottom: '2px solid rgba(148,163,184,0.25)', opacity: appear, transform: 'translateX(' + (1 - appear) * u * 6 + 'px)' }}>
                <div style={{ width: box, height: box, flexShrink: 0, borderRadius: box * 0.26, border: Math.max(2, u * 0.4) + 'px solid ' + (check > 0 ? C.accent : '#94a3b8'), background: check > 0 ? C.accent : 'white', display: 'flex', alignItems: 'center', justifyContent: 'center', transform: 'scale(' + (check > 0 ? 0.85 + boxPop * 0.15 : 1) + ')' }}>
                  <svg width={box * 0.8} height={box * 0.8} viewBox="0 0 24 24">
                    <path d="M4 12.5l5 5L20 6.5" fill="none" stroke="white" strokeWidth="3.4" strokeLinecap="round" strokeLinejoin="round" pathLength="1" strokeDasharray="1" strokeDashoffset={1 - check} />
                  </svg>
                </div>
                <div style={{ marginLeft: fs * 0.8, fontSize: fs, fontWeight: 600, lineHeight: 1.22, color: C.ink, opacity: 1 - check * 0.35 }}>{text}</div>
              </div>
            );
          })}
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: u * 2, marginTop: u * 4 }}>
          <div style={{ flex: 1, height: u * 1.6, borderRadius: u, background: '#e2e8f0', overflow: 'hidden' }}>
            <div style={{ width: bar * 100 + '%', height: '100%', borderRadius: u, background: 'linear-gradient(90deg, ' + C.accent + ', #4ade80)' }} />
          </div>
          <div style={{ fontSize: fs * 0.7, fontWeight: 800, color: C.ink, opacity: 0.75, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{done + ' / ' + n}</div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 15. Café-style chalkboard menu
// ---------------------------------------------------------------------------

export interface MenuBoardOptions {
	name?: string
	venue?: string
	heading?: string
	items?: Array<{ name: string; desc?: string; price: string }>
	footer?: string
	colors?: { board1?: string; board2?: string; chalk?: string; accent?: string; wood?: string }
}

export function menuBoard(o: MenuBoardOptions = {}): SceneSpec {
	const items = o.items ?? [
		{ name: 'Flat white', desc: 'Double ristretto, silky milk', price: '4.20' },
		{ name: 'Crème brûlée latte', desc: 'Caramelised sugar, vanilla', price: '5.10' },
		{ name: 'Almond croissant', desc: 'Baked every morning', price: '3.80' },
		{ name: 'Matcha tonic', desc: 'Ceremonial grade, citrus', price: '4.90' },
	]
	const colors = { board1: '#27312c', board2: '#161c19', chalk: '#f5f1e8', accent: '#f4b860', wood: '#8b5a34', ...o.colors }
	const duration = clampInt(40 + items.length * 9 + 80, 120, 240)
	return scene(
		o.name ?? 'Menu board',
		duration,
		duration - 24,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const VENUE = ${j(o.venue ?? 'Café Lumière')};
const HEADING = ${j(o.heading ?? "Today's menu")};
const ITEMS = ${j(items)};
const FOOTER = ${j(o.footer ?? 'Open daily · 7am to 6pm')};
const C = ${j(colors)};
const SERIF = ${j(SERIF)};
const SANS = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const n = ITEMS.length;
  const boardW = Math.min(width * 0.9, u * 135);
  const boardH = height * (portrait ? 0.8 : 0.88);
  const fs = Math.min(u * (portrait ? 6.6 : 4.2), (boardH * 0.58) / (n * 2.5));
  const board = spring({ frame, fps, config: { damping: 200 } });
  const head = spring({ frame: frame - 8, fps, config: { damping: 14, stiffness: 120 } });
  const rule = interpolate(frame, [16, 40], [0, 1], { ...clamp, easing: Easing.out(Easing.cubic) });
  const foot = spring({ frame: frame - (40 + n * 9 + 10), fps, config: { damping: 12, stiffness: 130 } });
  const steam = (k) => Math.sin(frame / 10 + k * 2) * 3;

  return (
    <AbsoluteFill style={{ background: '#2a1d14', alignItems: 'center', justifyContent: 'center', fontFamily: SERIF, overflow: 'hidden' }}>
      <AbsoluteFill style={{ background: 'repeating-linear-gradient(90deg, rgba(255,255,255,0.03) 0px, rgba(255,255,255,0.03) ' + u * 0.4 + 'px, transparent ' + u * 0.4 + 'px, transparent ' + u * 3 + 'px)' }} />
      <div style={{ position: 'relative', boxSizing: 'border-box', width: boardW, height: boardH, borderRadius: u * 1.6, border: u * 2 + 'px solid ' + C.wood, boxShadow: 'inset 0 0 ' + u * 6 + 'px rgba(0,0,0,0.7), 0 ' + u * 2 + 'px ' + u * 5 + 'px rgba(0,0,0,0.5)', background: 'radial-gradient(ellipse at 40% 30%, ' + C.board1 + ' 0%, ' + C.board2 + ' 100%)', overflow: 'hidden', opacity: board, transform: 'scale(' + (0.96 + board * 0.04) + ')', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: u * (portrait ? 7 : 4.5) + 'px ' + u * 6 + 'px ' + u * 4 + 'px' }}>
        <AbsoluteFill style={{ background: 'radial-gradient(circle at 20% 80%, rgba(255,255,255,0.05), transparent 40%), radial-gradient(circle at 80% 20%, rgba(255,255,255,0.06), transparent 35%)' }} />
        <svg width={u * (portrait ? 13 : 9)} height={u * (portrait ? 13 : 9)} viewBox="0 0 48 48" style={{ opacity: head, transform: 'scale(' + head + ')' }}>
          <path d="M10 20h22v8a10 10 0 0 1-10 10h-2a10 10 0 0 1-10-10z" fill="none" stroke={C.chalk} strokeWidth="2.4" strokeLinejoin="round" />
          <path d="M32 23h3a4 4 0 0 1 0 8h-3" fill="none" stroke={C.chalk} strokeWidth="2.4" />
          <path d="M6 42h30" stroke={C.chalk} strokeWidth="2.4" strokeLinecap="round" />
          {[15, 21, 27].map((x, k) => <path key={k} d={'M' + x + ' 16 q' + (-3 + steam(k)) + ' -4 0 -8 q' + (3 - steam(k)) + ' -4 0 -7'} fill="none" stroke={C.accent} strokeWidth="2" strokeLinecap="round" opacity="0.8" />)}
        </svg>
        <div style={{ fontFamily: SANS, fontSize: u * (portrait ? 4 : 2.6), letterSpacing: '0.4em', textTransform: 'uppercase', color: C.accent, fontWeight: 700, marginTop: u * 1.2, opacity: head }}>{VENUE}</div>
        <div style={{ fontSize: Math.min(u * (portrait ? 13 : 9), (boardW * 0.8) / (HEADING.length * 0.5)), fontStyle: 'italic', color: C.chalk, lineHeight: 1.1, marginTop: u * 0.6, opacity: head, transform: 'translateY(' + (1 - head) * u * 3 + 'px)', textShadow: '0 0 ' + u * 0.6 + 'px rgba(255,255,255,0.35)' }}>{HEADING}</div>
        <div style={{ display: 'flex', alignItems: 'center', gap: u * 1.5, margin: u * 2 + 'px 0 ' + u * (portrait ? 4 : 2.5) + 'px', width: boardW * 0.5 * rule }}>
          <div style={{ flex: 1, height: 2, background: C.chalk, opacity: 0.5 }} />
          <div style={{ width: u * 1.2, height: u * 1.2, background: C.accent, transform: 'rotate(45deg)' }} />
          <div style={{ flex: 1, height: 2, background: C.chalk, opacity: 0.5 }} />
        </div>
        <div style={{ width: '100%', display: 'flex', flexDirection: 'column', gap: fs * (portrait ? 1.1 : 0.55) }}>
          {ITEMS.map((it, i) => {
            const s = spring({ frame: frame - 40 - i * 9, fps, config: { damping: 200 } });
            const price = spring({ frame: frame - 48 - i * 9, fps, config: { damping: 10, stiffness: 170 } });
            return (
              <div key={i} style={{ opacity: s, transform: 'translateX(' + (1 - s) * -u * 6 + 'px)' }}>
                <div style={{ display: 'flex', alignItems: 'baseline', gap: u * 1.4 }}>
                  <div style={{ fontSize: fs, fontWeight: 700, color: C.chalk, whiteSpace: 'nowrap' }}>{it.name}</div>
                  <div style={{ flex: 1, borderBottom: Math.max(2, u * 0.35) + 'px dotted rgba(245,241,232,0.45)', transform: 'translateY(-' + fs * 0.2 + 'px)' }} />
                  <div style={{ fontFamily: SANS, fontSize: fs * 0.95, fontWeight: 800, color: C.accent, transform: 'scale(' + price + ')', fontVariantNumeric: 'tabular-nums' }}>{it.price}</div>
                </div>
                {it.desc ? <div style={{ fontSize: fs * 0.56, fontStyle: 'italic', color: C.chalk, opacity: 0.65, marginTop: fs * 0.1 }}>{it.desc}</div> : null}
              </div>
            );
          })}
        </div>
        <div style={{ flex: 1 }} />
        <div style={{ fontFamily: SANS, fontSize: u * (portrait ? 4 : 2.4), fontWeight: 700, color: C.board2, background: C.accent, padding: u * 1 + 'px ' + u * 2.6 + 'px', borderRadius: 999, letterSpacing: '0.08em', transform: 'scale(' + foot + ') rotate(' + (1 - foot) * -6 + 'deg)' }}>{FOOTER}</div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 16. Step-by-step timeline (horizontal in landscape, vertical otherwise)
// ---------------------------------------------------------------------------

export interface StepsTimelineOptions {
	name?: string
	title?: string
	steps?: Array<{ title: string; text: string }>
	colors?: { bg1?: string; bg2?: string; accent?: string; accent2?: string; text?: string }
}

export function stepsTimeline(o: StepsTimelineOptions = {}): SceneSpec {
	const steps = o.steps ?? [
		{ title: 'Pick a template', text: 'Browse the community gallery' },
		{ title: 'Make it yours', text: 'Swap texts, colors and logos' },
		{ title: 'Preview', text: 'Check every format at once' },
		{ title: 'Export', text: 'Share it anywhere in 1080p' },
	]
	const colors = { bg1: '#fff7ed', bg2: '#ffe4e6', accent: '#ea580c', accent2: '#db2777', text: '#1c1917', ...o.colors }
	const duration = clampInt(40 + steps.length * 24 + 50, 120, 240)
	return scene(
		o.name ?? 'Steps timeline',
		duration,
		Math.min(duration - 10, 40 + steps.length * 24 + 24),
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(o.title ?? 'How it works')};
const STEPS = ${j(steps)};
const C = ${j(colors)};
const FONT = ${j(SANS)};
const GAP = 24;

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const horizontal = width > height * 1.3;
  const portrait = height > width * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const n = STEPS.length;
  const head = spring({ frame, fps, config: { damping: 200 } });
  const at = (i) => 34 + i * GAP;
  const line = interpolate(frame, [at(0), at(n - 1)], [0, 1], { ...clamp, easing: Easing.inOut(Easing.quad) });
  const node = u * (horizontal ? 9 : portrait ? 13 : 8.5);
  const titleFs = u * (horizontal ? 6.5 : portrait ? 10.5 : 7);
  const stepFs = u * (horizontal ? 3.6 : portrait ? 7 : 4.4);
  const textFs = stepFs * 0.72;

  const x0 = width * 0.14;
  const x1 = width * 0.86;
  const y0 = height * (portrait ? 0.3 : 0.3);
  const y1 = height * (portrait ? 0.86 : 0.88);
  const railY = height * 0.56;
  const railX = width * (portrait ? 0.15 : 0.2);
  const pos = (i) => (n === 1 ? 0.5 : i / (n - 1));

  return (
    <AbsoluteFill style={{ background: 'linear-gradient(160deg, ' + C.bg1 + ', ' + C.bg2 + ')', fontFamily: FONT, color: C.text, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', right: -u * 18, top: -u * 18, width: u * 60, height: u * 60, borderRadius: '50%', border: u * 5 + 'px solid ' + C.accent + '22' }} />
      <div style={{ position: 'absolute', left: -u * 10, bottom: -u * 14, width: u * 40, height: u * 40, borderRadius: '50%', background: C.accent2 + '18' }} />
      <div style={{ position: 'absolute', left: 0, right: 0, top: height * (horizontal ? 0.13 : 0.09), textAlign: 'center', fontSize: titleFs, fontWeight: 900, letterSpacing: '-0.03em', opacity: head, transform: 'translateY(' + (1 - head) * u * 4 + 'px)' }}>
        {TITLE}
        <div style={{ width: u * 12 * head, height: u * 0.9, borderRadius: u, background: 'linear-gradient(90deg, ' + C.accent + ', ' + C.accent2 + ')', margin: u * 1.6 + 'px auto 0' }} />
      </div>
      {horizontal ? (
        <div>
          <div style={{ position: 'absolute', left: x0, width: x1 - x0, top: railY - u * 0.5, height: u, borderRadius: u, background: 'rgba(0,0,0,0.08)' }} />
          <div style={{ position: 'absolute', left: x0, width: (x1 - x0) * line, top: railY - u * 0.5, height: u, borderRadius: u, background: 'linear-gradient(90deg, ' + C.accent + ', ' + C.accent2 + ')' }} />
        </div>
      ) : (
        <div>
          <div style={{ position: 'absolute', top: y0, height: y1 - y0, left: railX - u * 0.5, width: u, borderRadius: u, background: 'rgba(0,0,0,0.08)' }} />
          <div style={{ position: 'absolute', top: y0, height: (y1 - y0) * line, left: railX - u * 0.5, width: u, borderRadius: u, background: 'linear-gradient(180deg, ' + C.accent + ', ' + C.accent2 + ')' }} />
        </div>
      )}
      {STEPS.map((st, i) => {
        const s = spring({ frame: frame - at(i), fps, config: { damping: 11, stiffness: 150 } });
        const t = spring({ frame: frame - at(i) - 5, fps, config: { damping: 200 } });
        const cx = horizontal ? x0 + (x1 - x0) * pos(i) : railX;
        const cy = horizontal ? railY : y0 + (y1 - y0) * pos(i);
        const lit = frame >= at(i);
        const below = i % 2 === 0;
        return (
          <div key={i}>
            <div style={{ position: 'absolute', left: cx - node / 2, top: cy - node / 2, width: node, height: node, borderRadius: '50%', background: lit ? 'linear-gradient(135deg, ' + C.accent + ', ' + C.accent2 + ')' : 'white', border: u * 0.5 + 'px solid ' + (lit ? 'white' : 'rgba(0,0,0,0.12)'), color: lit ? 'white' : C.text, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: node * 0.42, fontWeight: 900, boxShadow: lit ? '0 ' + u * 0.8 + 'px ' + u * 3 + 'px ' + C.accent + '66' : 'none', transform: 'scale(' + (0.7 + 0.3 * s) + ')' }}>{i + 1}</div>
            <div style={horizontal
              ? { position: 'absolute', left: cx - ((x1 - x0) / n) * 0.5, width: (x1 - x0) / n, top: below ? cy + node * 0.8 : undefined, bottom: below ? undefined : height - cy + node * 0.8, textAlign: 'center', opacity: t, transform: 'translateY(' + (1 - t) * (below ? 1 : -1) * u * 3 + 'px)' }
              : { position: 'absolute', left: cx + node * 0.9, right: width * 0.06, top: cy - stepFs * 1.1, opacity: t, transform: 'translateX(' + (1 - t) * u * 4 + 'px)' }}>
              <div style={{ fontSize: stepFs, fontWeight: 800, letterSpacing: '-0.01em' }}>{st.title}</div>
              <div style={{ fontSize: textFs, fontWeight: 500, opacity: 0.65, marginTop: u * 0.6, lineHeight: 1.3 }}>{st.text}</div>
            </div>
          </div>
        );
      })}
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 17. Donut chart with legend
// ---------------------------------------------------------------------------

export interface DonutChartOptions {
	name?: string
	title?: string
	segments?: Array<{ label: string; value: number; color: string }>
	colors?: { bg1?: string; bg2?: string; text?: string }
}

export function donutChart(o: DonutChartOptions = {}): SceneSpec {
	const segments = o.segments ?? [
		{ label: 'Mobile', value: 46, color: '#f472b6' },
		{ label: 'Desktop', value: 31, color: '#60a5fa' },
		{ label: 'Tablet', value: 14, color: '#34d399' },
		{ label: 'Smart TV', value: 9, color: '#fbbf24' },
	]
	const colors = { bg1: '#18181b', bg2: '#27272a', text: '#fafafa', ...o.colors }
	return scene(
		o.name ?? 'Donut chart',
		150,
		120,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const TITLE = ${j(o.title ?? 'Where viewers watch')};
const SEGMENTS = ${j(segments)};
const C = ${j(colors)};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const row = width >= height * 0.95;
  const portrait = height > width * 1.2;
  const square = row && width < height * 1.2;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const total = SEGMENTS.reduce((a, s) => a + s.value, 0);
  const R = u * (portrait ? 33 : square ? 16.5 : 26);
  const stroke = R * 0.34;
  const size = (R + stroke) * 2 + u * 4;
  const circ = Math.PI * 2 * R;
  const p = interpolate(frame, [14, 84], [0, 1], { ...clamp, easing: Easing.inOut(Easing.cubic) });
  const head = spring({ frame, fps, config: { damping: 200 } });
  const spin = interpolate(frame, [0, 150], [-110, -90], { ...clamp, easing: Easing.out(Easing.cubic) });
  const lead = SEGMENTS.reduce((best, s) => (s.value > best.value ? s : best), SEGMENTS[0]);
  let acc = 0;
  const arcs = SEGMENTS.map((s, i) => {
    const start = acc / total;
    acc += s.value;
    const end = acc / total;
    const shown = Math.max(0, Math.min(end, p) - start);
    const len = Math.max(0, shown * circ - (shown > 0.01 ? u * 0.6 : 0));
    return <circle key={i} cx={size / 2} cy={size / 2} r={R} fill="none" stroke={s.color} strokeWidth={stroke} strokeDasharray={len + ' ' + circ} strokeDashoffset={-start * circ} transform={'rotate(' + spin + ' ' + size / 2 + ' ' + size / 2 + ')'} />;
  });
  const legendFs = u * (portrait ? 5 : square ? 3.6 : 3.4);

  return (
    <AbsoluteFill style={{ background: 'radial-gradient(circle at 30% 20%, ' + C.bg2 + ', ' + C.bg1 + ' 70%)', fontFamily: FONT, color: C.text, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', left: 0, right: 0, top: height * (portrait ? 0.1 : 0.07), textAlign: 'center', fontSize: u * (portrait ? 9 : 6), fontWeight: 800, letterSpacing: '-0.02em', opacity: head, transform: 'translateY(' + (1 - head) * u * 3 + 'px)' }}>{TITLE}</div>
      <AbsoluteFill style={{ boxSizing: 'border-box', flexDirection: row ? 'row' : 'column', alignItems: 'center', justifyContent: 'center', gap: row ? u * (square ? 5 : 10) : u * 6, paddingTop: height * (portrait ? 0.16 : 0.2) }}>
        <div style={{ position: 'relative', width: size, height: size, flexShrink: 0 }}>
          <svg width={size} height={size} style={{ filter: 'drop-shadow(0 ' + u + 'px ' + u * 3 + 'px rgba(0,0,0,0.45))' }}>
            <circle cx={size / 2} cy={size / 2} r={R} fill="none" stroke="rgba(255,255,255,0.06)" strokeWidth={stroke} />
            {arcs}
          </svg>
          <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center' }}>
            <div style={{ fontSize: R * 0.46, fontWeight: 900, letterSpacing: '-0.03em', fontVariantNumeric: 'tabular-nums', lineHeight: 1 }}>{Math.round((lead.value / total) * 100 * Math.min(1, p * 1.25)) + '%'}</div>
            <div style={{ fontSize: R * 0.13, fontWeight: 600, opacity: 0.65, marginTop: R * 0.05, textTransform: 'uppercase', letterSpacing: '0.16em' }}>{lead.label}</div>
          </AbsoluteFill>
        </div>
        <div style={{ display: row ? 'flex' : 'grid', flexDirection: 'column', gridTemplateColumns: '1fr 1fr', gap: legendFs * (row ? 0.9 : 0.7) + 'px ' + legendFs * 2 + 'px' }}>
          {SEGMENTS.map((s, i) => {
            const t = spring({ frame: frame - 30 - i * 8, fps, config: { damping: 200 } });
            return (
              <div key={i} style={{ display: 'flex', alignItems: 'center', gap: legendFs * 0.6, opacity: t, transform: 'translateX(' + (1 - t) * u * 4 + 'px)' }}>
                <div style={{ width: legendFs * 0.8, height: legendFs * 0.8, borderRadius: legendFs * 0.2, background: s.color, boxShadow: '0 0 ' + u * 1.5 + 'px ' + s.color + '88' }} />
                <div style={{ fontSize: legendFs, fontWeight: 600, minWidth: legendFs * 4.4 }}>{s.label}</div>
                <div style={{ fontSize: legendFs, fontWeight: 800, opacity: 0.9, fontVariantNumeric: 'tabular-nums' }}>{Math.round((s.value / total) * 100) + '%'}</div>
              </div>
            );
          })}
        </div>
      </AbsoluteFill>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 18. Neon sign title with flicker-on
// ---------------------------------------------------------------------------

export interface NeonTitleOptions {
	name?: string
	line1?: string
	line2?: string
	colors?: { wall?: string; neon1?: string; neon2?: string }
}

export function neonTitle(o: NeonTitleOptions = {}): SceneSpec {
	const colors = { wall: '#120c1c', neon1: '#ff4fd8', neon2: '#38e8ff', ...o.colors }
	return scene(
		o.name ?? 'Neon sign',
		120,
		90,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, random } = window.Remotion;

const LINE1 = ${j(o.line1 ?? 'Open Late')};
const LINE2 = ${j(o.line2 ?? 'live music tonight')};
const C = ${j(colors)};
const FONT = ${j(SANS)};
const SERIF = ${j(SERIF)};

function glow(color, u, on) {
  const a = 0.15 + on * 0.85;
  return '0 0 ' + u * 0.3 + 'px #fff, 0 0 ' + u * 1.2 + 'px ' + color + ', 0 0 ' + u * 3 * a + 'px ' + color + ', 0 0 ' + u * 7 * a + 'px ' + color;
}

export default function Scene() {
  const frame = useCurrentFrame();
  const { width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const flick = (start, key) => {
    if (frame < start) return 0;
    if (frame > start + 24) return 0.93 + 0.07 * Math.sin(frame * 0.7 + key.length);
    return random(key + Math.floor(frame / 2)) > 0.45 ? 1 : 0.12;
  };
  const on1 = flick(6, 'a');
  const on2 = flick(30, 'b');
  const border = interpolate(frame, [0, 40], [0, 1], { ...clamp });
  const portrait = height > width * 1.2;
  const lines = portrait ? LINE1.split(' ') : [LINE1];
  const longest = Math.max(...lines.map((l) => l.length));
  const fs1 = Math.min(u * (portrait ? 22 : 16), (width * 0.74) / (longest * 0.68));
  const fs2 = Math.min(u * (portrait ? 9 : 7), (width * 0.74) / (LINE2.length * 0.5));
  const boxW = Math.min(width * 0.9, Math.max(longest * fs1 * 0.7, LINE2.length * fs2 * 0.52) + u * 16);
  const boxH = lines.length * fs1 * 1.12 + fs2 * 1.3 + u * 14;
  const per = (boxW + boxH) * 2;

  return (
    <AbsoluteFill style={{ background: C.wall, overflow: 'hidden', alignItems: 'center', justifyContent: 'center' }}>
      <AbsoluteFill style={{ backgroundImage: 'linear-gradient(rgba(255,255,255,0.04) 2px, transparent 2px), linear-gradient(90deg, rgba(255,255,255,0.035) 2px, transparent 2px)', backgroundSize: u * 12 + 'px ' + u * 6 + 'px' }} />
      <AbsoluteFill style={{ background: 'radial-gradient(ellipse at 50% 50%, ' + C.neon1 + Math.round(30 * Math.max(on1, 0.1)).toString(16).padStart(2, '0') + ' 0%, transparent 60%)' }} />
      <AbsoluteFill style={{ background: 'radial-gradient(ellipse at center, transparent 40%, rgba(0,0,0,0.7) 100%)' }} />
      <div style={{ position: 'relative', width: boxW, height: boxH, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center' }}>
        <svg width={boxW} height={boxH} style={{ position: 'absolute', inset: 0, overflow: 'visible' }}>
          <rect x={u} y={u} width={boxW - u * 2} height={boxH - u * 2} rx={u * 4} fill="none" stroke={C.neon2} strokeWidth={u * 0.6} strokeDasharray={per} strokeDashoffset={per * (1 - border)} style={{ filter: 'drop-shadow(0 0 ' + u * 0.8 + 'px ' + C.neon2 + ') drop-shadow(0 0 ' + u * 2.4 + 'px ' + C.neon2 + ')' }} />
        </svg>
        <div style={{ fontFamily: FONT, fontSize: fs1, fontWeight: 800, letterSpacing: '0.04em', color: on1 > 0.5 ? '#fff6fd' : '#5a2a4f', textShadow: on1 > 0.5 ? glow(C.neon1, u, on1) : 'none', lineHeight: 1.1, textTransform: 'uppercase', textAlign: 'center' }}>{lines.map((l, i) => <div key={i}>{l}</div>)}</div>
        <div style={{ fontFamily: SERIF, fontStyle: 'italic', fontSize: fs2, color: on2 > 0.5 ? '#f0fdff' : '#1f4a52', textShadow: on2 > 0.5 ? glow(C.neon2, u, on2) : 'none', marginTop: u * 1.4 }}>{LINE2}</div>
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// 19. Stripe wipe transition between two titles
// ---------------------------------------------------------------------------

export interface StripeWipeOptions {
	name?: string
	from?: string
	to?: string
	toSub?: string
	stripes?: string[]
	backgrounds?: [string, string]
}

export function stripeWipe(o: StripeWipeOptions = {}): SceneSpec {
	return scene(
		o.name ?? 'Stripe wipe',
		150,
		94,
		`
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

const FROM = ${j(o.from ?? 'Chapter one')};
const TO = ${j(o.to ?? 'Chapter two')};
const TO_SUB = ${j(o.toSub ?? 'The plot thickens')};
const STRIPES = ${j(o.stripes ?? ['#f43f5e', '#f97316', '#facc15', '#22c55e', '#3b82f6'])};
const BG = ${j(o.backgrounds ?? ['#0f172a', '#fafaf9'])};
const FONT = ${j(SANS)};

export default function Scene() {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const u = Math.min(width, height) / 100;
  const clamp = { extrapolateLeft: 'clamp', extrapolateRight: 'clamp' };
  const MID = 61;
  const showB = frame >= MID;
  const portrait = height > width * 1.2;
  const fsA = Math.min(u * (portrait ? 17 : 13), (width * 0.8) / (FROM.length * 0.6));
  const fsB = Math.min(u * (portrait ? 17 : 13), (width * 0.8) / (TO.length * 0.6));
  const aIn = spring({ frame, fps, config: { damping: 200 } });
  const bIn = spring({ frame: frame - MID - 6, fps, config: { damping: 13, stiffness: 120 } });
  const subIn = spring({ frame: frame - MID - 16, fps, config: { damping: 200 } });
  const diag = Math.hypot(width, height);
  const band = diag / STRIPES.length;

  return (
    <AbsoluteFill style={{ background: showB ? BG[1] : BG[0], fontFamily: FONT, overflow: 'hidden' }}>
      {!showB ? (
        <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center' }}>
          <div style={{ fontSize: fsA, fontWeight: 900, color: 'white', letterSpacing: '-0.03em', opacity: aIn, transform: 'scale(' + (0.92 + aIn * 0.08 + frame * 0.001) + ')' }}>{FROM}</div>
        </AbsoluteFill>
      ) : (
        <AbsoluteFill style={{ alignItems: 'center', justifyContent: 'center', textAlign: 'center' }}>
          <div style={{ fontSize: fsB, fontWeight: 900, color: BG[0], letterSpacing: '-0.03em', transform: 'translateY(' + (1 - bIn) * u * 8 + 'px) scale(' + (0.9 + 0.1 * bIn) + ')', opacity: Math.min(1, bIn * 1.5) }}>{TO}</div>
          <div style={{ display: 'flex', gap: u, margin: u * 2.4 + 'px 0' }}>
            {STRIPES.map((c, i) => <div key={i} style={{ width: u * 5 * subIn, height: u * 0.9, borderRadius: u, background: c }} />)}
          </div>
          <div style={{ fontSize: u * (portrait ? 5.4 : 4), fontWeight: 600, color: BG[0], opacity: subIn * 0.7, transform: 'translateY(' + (1 - subIn) * u * 3 + 'px)' }}>{TO_SUB}</div>
        </AbsoluteFill>
      )}
      <div style={{ position: 'absolute', left: '50%', top: '50%', width: 0, height: 0, transform: 'rotate(-20deg)' }}>
        {STRIPES.map((c, i) => {
          const d = 20 + i * 4;
          const x = interpolate(frame, [d, d + 24, 62 + i * 4, 90 + i * 4], [-diag * 1.15, -diag * 0.05, -diag * 0.05, diag * 1.1], { ...clamp, easing: Easing.inOut(Easing.cubic) });
          const y = -diag / 2 + i * band;
          return <div key={i} style={{ position: 'absolute', left: x - diag / 2, top: y, width: diag * 1.1, height: band + 2, background: c, boxShadow: '0 0 ' + u * 3 + 'px rgba(0,0,0,0.25)' }} />;
        })}
      </div>
    </AbsoluteFill>
  );
}
`,
	)
}

// ---------------------------------------------------------------------------
// Registry: every style with its default parameters (used by tests and tools)
// ---------------------------------------------------------------------------

export const SCENE_STYLES = {
	kineticTitle,
	logoReveal,
	statCounter,
	lowerThird,
	orbitLoop,
	quoteTypewriter,
	barChart,
	countdown,
	subscribeCta,
	splitWipe,
	confetti,
	productCard,
	lineChart,
	checklist,
	menuBoard,
	stepsTimeline,
	donutChart,
	neonTitle,
	stripeWipe,
} satisfies Record<string, () => SceneSpec>

export type SceneStyle = keyof typeof SCENE_STYLES
