"""The PyTorch twin of GAN Studio's DCGAN (src-main/engine/models/dcgan) and of its training step, for the
speed comparison in dcgan_torch.py. Layer by layer and op by op it mirrors dcgan-networks.ts, dcgan-trainer.ts
and diff-augment.ts; keep them in step.

  G: z -> Linear (no bias) -> 4x4xC -> BN -> ReLU -> [ConvTranspose2d(4, stride 2, pad 1) -> BN -> ReLU]...
     -> ConvTranspose2d(4, 2, 1) to 3 channels with bias -> tanh. (k4 s2 p1 doubles the size, which is
     what TensorFlow's 'same' padding does for a stride-2 transposed conv.)
  D: [Conv2d(4, stride 2, pad 1) with bias -> LeakyReLU(0.2)]... -> Linear to one logit. No batch norm in D.
  One step: a D update on a real batch and a batch generated (without gradients) from fresh latents, then
  a G update on another batch generated from fresh latents, with D's weights frozen so no gradient is computed
  for them (our trainer asks tfjs only for G's gradients); non-saturating logistic loss (BCE with logits);
  Adam(2e-4, betas (0.5, 0.999), eps 1e-8) for each; then an exponential moving average of G's weights.
  With augment on, DiffAugment (colour, translation 1/8, cutout 1/2) on every batch D sees, as ours does.
"""

import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

def stage_count(image_size):
    return int(math.log2(image_size // 4))


def generator_channels(args):
    """Channels from 4x4 up to (not including) the image, as generatorChannels() in dcgan-networks.ts."""
    stages = stage_count(args.image_size)
    return [min(args.max_channels, args.generator_width * 2 ** (stages - 1 - i)) for i in range(stages)]


def discriminator_channels(args):
    stages = stage_count(args.image_size)
    return [min(args.max_channels, args.discriminator_width * 2**i) for i in range(stages)]


class Generator(nn.Module):
    def __init__(self, args):
        super().__init__()
        channels = generator_channels(args)
        self.first = channels[0]
        # Batch norm follows, so a bias would be cancelled: ours has none either.
        self.fc = nn.Linear(args.latent_size, 4 * 4 * self.first, bias=False)
        layers = [nn.BatchNorm2d(self.first, eps=1e-5, momentum=0.1), nn.ReLU()]
        for i, in_channels in enumerate(channels):
            last = i == len(channels) - 1
            out_channels = 3 if last else channels[i + 1]
            layers.append(nn.ConvTranspose2d(in_channels, out_channels, 4, stride=2, padding=1, bias=last))
            layers += [nn.Tanh()] if last else [nn.BatchNorm2d(out_channels, eps=1e-5, momentum=0.1), nn.ReLU()]
        self.body = nn.Sequential(*layers)

    def forward(self, z):
        return self.body(self.fc(z).view(z.shape[0], self.first, 4, 4))


class Discriminator(nn.Module):
    def __init__(self, args):
        super().__init__()
        layers, in_channels = [], 3
        for out_channels in discriminator_channels(args):
            layers += [nn.Conv2d(in_channels, out_channels, 4, stride=2, padding=1), nn.LeakyReLU(0.2)]
            in_channels = out_channels
        layers += [nn.Flatten(), nn.Linear(4 * 4 * in_channels, 1)]
        self.body = nn.Sequential(*layers)

    def forward(self, images):
        return self.body(images)


def init_weights(module):
    """N(0, 0.02) weights, N(1, 0.02) batch-norm scales, zero biases: the DCGAN initialisation ours uses."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


# DiffAugment, written to do what src-main/engine/training/diff-augment.ts does, in PyTorch's own idiom.


def adjust_color(x):
    per_image = lambda: torch.rand(x.shape[0], 1, 1, 1)  # noqa: E731
    x = x + (per_image() - 0.5)
    grey = x.mean(dim=1, keepdim=True)
    x = (x - grey) * (per_image() * 2) + grey
    average = x.mean(dim=[1, 2, 3], keepdim=True)
    return (x - average) * (per_image() + 0.5) + average


def translate(x, ratio=0.125):
    """Shift each image by up to ratio * size along each axis, filling with zeros."""
    batch, _, height, width = x.shape
    shift = round(height * ratio)
    if shift == 0:
        return x
    rows = torch.arange(height).view(1, height, 1) + torch.randint(0, 2 * shift + 1, (batch, 1, 1))
    cols = torch.arange(width).view(1, 1, width) + torch.randint(0, 2 * shift + 1, (batch, 1, 1))
    padded = F.pad(x, [shift, shift, shift, shift]).permute(0, 2, 3, 1)  # to NHWC for the gather
    picked = padded[torch.arange(batch).view(batch, 1, 1), rows, cols]
    return picked.permute(0, 3, 1, 2)


def cutout(x, ratio=0.5):
    """Zero a square of side ratio * size at a random place in each image (partly outside is allowed)."""
    batch, _, height, width = x.shape
    side = round(height * ratio)
    top = torch.randint(0, height + 1 - side % 2, (batch, 1, 1)) - side // 2
    left = torch.randint(0, width + 1 - side % 2, (batch, 1, 1)) - side // 2
    rows = torch.arange(height).view(1, height, 1)
    cols = torch.arange(width).view(1, 1, width)
    inside = (rows >= top) & (rows < top + side) & (cols >= left) & (cols < left + side)
    return x * (~inside).unsqueeze(1).to(x.dtype)


def diff_augment(x, enabled):
    return cutout(translate(adjust_color(x))) if enabled else x


class Trainer:
    def __init__(self, args):
        self.args = args
        self.G = Generator(args)
        self.D = Discriminator(args)
        self.G.apply(init_weights)
        self.D.apply(init_weights)
        self.G_average = copy.deepcopy(self.G)
        self.G_average.requires_grad_(False)
        adam = dict(lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
        self.opt_G = torch.optim.Adam(self.G.parameters(), **adam)
        self.opt_D = torch.optim.Adam(self.D.parameters(), **adam)
        # A small fixed set of 8-bit images read into float batches each step, as RealImageBatches does.
        self.images = torch.randint(0, 256, (256, 3, args.image_size, args.image_size), dtype=torch.uint8)

    def latents(self):
        return torch.randn(self.args.batch, self.args.latent_size)

    def step(self, completed_steps):
        args = self.args
        index = torch.randint(0, self.images.shape[0], (args.batch,))
        real = self.images[index].float() / 127.5 - 1
        ones = torch.ones(args.batch, 1)
        zeros = torch.zeros(args.batch, 1)

        # D: real towards 1, generated towards 0; G is a constant here (training-mode batch norm, as ours).
        with torch.no_grad():
            fake = self.G(self.latents())
        real_logits = self.D(diff_augment(real, args.augment))
        fake_logits = self.D(diff_augment(fake, args.augment))
        d_loss = F.binary_cross_entropy_with_logits(real_logits, ones) + F.binary_cross_entropy_with_logits(
            fake_logits, zeros
        )
        self.opt_D.zero_grad(set_to_none=True)
        d_loss.backward()
        self.opt_D.step()

        # G: make D call its augmented images real. Only G's gradients are wanted.
        self.D.requires_grad_(False)
        logits = self.D(diff_augment(self.G(self.latents()), args.augment))
        g_loss = F.binary_cross_entropy_with_logits(logits, ones)
        self.opt_G.zero_grad(set_to_none=True)
        g_loss.backward()
        self.opt_G.step()
        self.D.requires_grad_(True)

        self.update_average(completed_steps)
        # Reading the losses back is part of our step too (it reports them).
        return d_loss.item(), g_loss.item()

    @torch.no_grad()
    def update_average(self, completed_steps, decay=0.999):
        """EMA of G's weights with the ramp-up ours uses; batch-norm running statistics are copied."""
        effective = min(decay, (1 + completed_steps) / (10 + completed_steps))
        for average, weight in zip(self.G_average.parameters(), self.G.parameters()):
            average.mul_(effective).add_(weight, alpha=1 - effective)
        for average, buffer in zip(self.G_average.buffers(), self.G.buffers()):
            average.copy_(buffer)


